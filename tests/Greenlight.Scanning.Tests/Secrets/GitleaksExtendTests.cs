using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

public sealed class GitleaksExtendTests
{
    private const string Base = """
        [[rules]]
        id = "acme-token"
        description = "ACME token"
        regex = '''acme_([a-z0-9]{16})'''
        keywords = ["acme_"]

        [[rules]]
        id = "legacy-token"
        regex = '''legacy_[a-z0-9]{16}'''
        """;

    private static readonly string Acme = "acme_" + Fake.Chars("abcdefghijklmnopqrstuvwxyz0123456789", 16, 41);
    private static readonly string Legacy = "legacy_" + Fake.Chars("abcdefghijklmnopqrstuvwxyz0123456789", 16, 42);

    [Fact]
    public void Load_ExtendPath_MergesTheBaseRulesRelativeToTheExtendingFile()
    {
        using var tree = new TempTree();
        tree.Write("rules/base.toml", Base);
        var path = tree.Write("rules/team.toml", "[extend]\npath = \"base.toml\"\n\n[[rules]]\nid = \"own\"\nregex = 'own_[0-9]{8}'\n");

        var set = GitleaksConfig.Load(path);

        Assert.Equal(["acme-token", "legacy-token", "own"], set.Rules.Select(r => r.Id).Order());
        var findings = new SecretScanner(set).ScanText("a.txt", $"{Acme}\n{Legacy}\nown_12345678\n");
        Assert.Equal(["acme-token", "legacy-token", "own"], findings.Select(f => f.RuleId));
    }

    [Fact]
    public void Load_ExtendingRuleWithoutRegex_OverridesOnlyTheFieldsItGives()
    {
        using var tree = new TempTree();
        tree.Write("base.toml", Base);
        var path = tree.Write("team.toml", """
            [extend]
            path = "base.toml"

            [[rules]]
            id = "acme-token"
            description = "ACME token (team)"
            keywords = ["acme"]
            [[rules.allowlists]]
            paths = ['''^fixtures/''']
            """);

        var acme = Assert.Single(GitleaksConfig.Load(path).Rules, r => r.Id == "acme-token");

        Assert.Equal("ACME token (team)", acme.Description);
        Assert.Matches(acme.Pattern!, Acme);
        Assert.Equal(["acme_", "acme"], acme.Keywords);
        var scanner = new SecretScanner(new SecretRuleSet([acme]));
        Assert.Empty(scanner.ScanText("fixtures/a.txt", Acme));
        Assert.Single(scanner.ScanText("src/a.txt", Acme));
    }

    [Fact]
    public void Load_ExtendDisabledRules_DropsThoseBaseRules()
    {
        using var tree = new TempTree();
        tree.Write("base.toml", Base);
        var path = tree.Write("team.toml", "[extend]\npath = \"base.toml\"\ndisabledRules = [\"legacy-token\"]\n");

        var set = GitleaksConfig.Load(path);

        Assert.Equal(["acme-token"], set.Rules.Select(r => r.Id));
        Assert.Empty(new SecretScanner(set).ScanText("a.txt", Legacy));
    }

    [Fact]
    public void Load_ExtendMissingBase_IsRefusedNamingTheFile()
    {
        using var tree = new TempTree();
        var path = tree.Write("team.toml", "[extend]\npath = \"nope/base.toml\"\n\n[[rules]]\nid = \"own\"\nregex = 'own'\n");

        var e = Assert.Throws<SecretConfigException>(() => GitleaksConfig.Load(path));

        Assert.Contains(Path.Combine(tree.Root, "nope", "base.toml"), e.Message);
        Assert.StartsWith($"{path}: extend.path", e.Message);
    }

    [Fact]
    public void Load_ExtendPathAndUseDefault_IsRefused()
    {
        using var tree = new TempTree();
        tree.Write("base.toml", Base);
        var path = tree.Write("team.toml", "[extend]\npath = \"base.toml\"\nuseDefault = true\n");

        var e = Assert.Throws<SecretConfigException>(() => GitleaksConfig.Load(path));

        Assert.Contains("'path' and 'useDefault' cannot both be set", e.Message);
    }

    [Fact]
    public void Parse_ExtendUseDefault_OverrideWithoutRegexKeepsTheDefaultRulesPattern()
    {
        var id = SecretRules.Default.Rules[0].Id;

        var set = GitleaksConfig.Parse($"[extend]\nuseDefault = true\n\n[[rules]]\nid = \"{id}\"\ndescription = \"ours\"\n");

        var rule = Assert.Single(set.Rules, r => r.Id == id);
        Assert.Equal("ours", rule.Description);
        Assert.Same(SecretRules.Default.Rules[0].Pattern, rule.Pattern);
    }
}
