using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

/// <summary>
/// gitleaks' own testdata/config files (vendored unchanged, see Gitleaks/NOTICE) against the verdicts of its
/// config_test.go and detect_test.go: what loads, to which rule ids, and what is refused.
/// </summary>
public sealed class GitleaksConfigConformanceTests
{
    private static readonly string Vendored = Path.Combine(AppContext.BaseDirectory, "Secrets", "Gitleaks", "config");

    // name -> the rule ids and number of global allowlists gitleaks' tests expect (for the extend_rule_override
    // files, its test looks at aws-access-key only); null where its tests load the file without asserting them.
    public static TheoryData<string, string[]?, int?> Loads => new()
    {
        { "generic", ["generic-api-key"], 0 },
        { "simple", null, null },
        { "archives", null, null },
        { "composite", null, null },
        { "encoded", null, null },
        { "generic_with_py_path", null, null },
        { "valid/rule_path_only", ["python-files-only"], 0 },
        { "valid/rule_regex_escaped_character_group", ["pypi-upload-token"], 0 },
        { "valid/rule_entropy_group", ["discord-api-key"], 0 },
        { "valid/allowlist_global_old_compat", [], 1 },
        { "valid/allowlist_global_multiple", ["test"], 2 },
        { "valid/allowlist_global_target_rules", ["github-app-token", "github-oauth", "github-pat"], 1 },
        { "valid/allowlist_global_regex", [], 1 },
        { "valid/allowlist_rule_old_compat", ["example"], 0 },
        { "valid/allowlist_rule_regex", ["aws-access-key"], 0 },
        { "valid/allowlist_rule_commit", ["aws-access-key"], 0 },
        { "valid/allowlist_rule_path", ["aws-access-key"], 0 },
        { "valid/extend", ["aws-access-key", "aws-secret-key", "aws-secret-key-again"], 0 },
        { "valid/extend_disabled", ["aws-secret-key", "pypi-upload-token"], 0 },
        { "valid/extend_rule_no_regexpath", ["aws-secret-key-again-again"], 0 },
        { "valid/extend_rule_override_description", ["aws-access-key"], 0 },
        { "valid/extend_rule_override_entropy", ["aws-access-key"], 0 },
        { "valid/extend_rule_override_keywords", ["aws-access-key"], 0 },
        { "valid/extend_rule_override_path", ["aws-access-key"], 0 },
        { "valid/extend_rule_override_regex", ["aws-access-key"], 0 },
        { "valid/extend_rule_override_secret_group", ["aws-access-key"], 0 },
        { "valid/extend_rule_override_tags", ["aws-access-key"], 0 },
        { "valid/extend_rule_allowlist_or", ["aws-secret-key-again-again"], 0 },
        { "valid/extend_rule_allowlist_and", ["aws-secret-key-again-again"], 0 },
        { "valid/extend_base_rule_including_keywords_with_attribute", ["aws-secret-key-again-again"], 0 },
    };

    public static TheoryData<string> Refused => new(Directory.GetFiles(Path.Combine(Vendored, "invalid"))
        .Select(f => "invalid/" + Path.GetFileNameWithoutExtension(f))
        // gitleaks' tests load this one only because an earlier test leaves its global extend depth raised, which
        // skips validation; loaded alone, gitleaks refuses its rule with neither regex nor path, and so do we.
        .Append("valid/extend_rule_new")
        // Overrides gitleaks' generic-api-key by allowlist alone: useDefault means Greenlight's rules, which have
        // no rule of that id, so the override has nothing to extend and no regex of its own.
        .Append("valid/allowlist_rule_extend_default"));

    // Read only as bases of the files above (extend_base_2 names a missing base that gitleaks' depth limit never reaches).
    private static readonly string[] Bases =
    [
        "valid/extend_base_1", "valid/extend_base_2", "valid/extend_base_3", "valid/extend_disabled_base",
        "valid/extend_rule_allowlist_base", "valid/extend_rule_keywords_base",
    ];

    [Theory]
    [MemberData(nameof(Loads))]
    public void Load_ConfigGitleaksLoads_LoadsToTheSameRules(string name, string[]? ids, int? globalAllowlists)
    {
        using var tree = Copy();

        var set = GitleaksConfig.Load(Path.Combine(tree.Root, name + ".toml"));

        Assert.NotEmpty(set.Rules.Select(r => r.Id).Concat(set.GlobalAllowlists.Select(_ => "")));
        if (ids is null) return;
        if (name.StartsWith("valid/extend_rule_override"))
            Assert.Superset(ids.ToHashSet(), set.Rules.Select(r => r.Id).ToHashSet());
        else
            Assert.Equal(ids.Order(), set.Rules.Select(r => r.Id).Order());
        Assert.Equal(globalAllowlists, set.GlobalAllowlists.Count);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Load_ConfigGitleaksRefuses_IsRefusedNamingTheFile(string name)
    {
        using var tree = Copy();
        var path = Path.Combine(tree.Root, name + ".toml");

        var e = Assert.Throws<SecretConfigException>(() => GitleaksConfig.Load(path));

        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void Load_ExtendOverrides_ChangeOnlyTheirField()
    {
        using var tree = Copy();
        SecretRule Aws(string name) =>
            GitleaksConfig.Load(Path.Combine(tree.Root, $"valid/extend_rule_override_{name}.toml")).Rules.Single(r => r.Id == "aws-access-key");

        Assert.Equal("Puppy Doggy", Aws("description").Description);
        Assert.Contains("puppy", Aws("keywords").Keywords);
        Assert.Equal((2, "(a)(a)"), (Aws("secret_group").SecretGroup, Aws("secret_group").Pattern!.ToString()));
        Assert.True(Aws("entropy").MinEntropy > 0);
        Assert.NotNull(Aws("path").PathFilter);
        Assert.Equal(2, GitleaksConfig.Load(Path.Combine(tree.Root, "valid/allowlist_global_target_rules.toml"))
            .Rules.Sum(r => r.Allowlists.Count));
    }

    [Fact]
    public void EveryVendoredFile_HasAVerdict()
    {
        var all = Directory.GetFiles(Vendored, "*.toml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Vendored, f).Replace('\\', '/')[..^5]).Order();
        var judged = ((IEnumerable<object[]>)Loads).Concat(Refused).Select(r => (string)r[0]).Concat(Bases).Order();

        Assert.Equal(all, judged);
    }

    // gitleaks' files name their bases from the directory its tests run in ("../testdata/config/valid/x.toml" from
    // config/); Greenlight reads a base relative to the extending file, so the copy says "../valid/x.toml".
    private static TempTree Copy()
    {
        var tree = new TempTree();
        foreach (var file in Directory.GetFiles(Vendored, "*.toml", SearchOption.AllDirectories))
            tree.Write(Path.GetRelativePath(Vendored, file), File.ReadAllText(file).Replace("../testdata/config/", "../"));
        return tree;
    }
}
