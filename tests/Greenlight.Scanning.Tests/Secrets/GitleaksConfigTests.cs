using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

public sealed class GitleaksConfigTests
{
    // Written as a team would have it for gitleaks v8, including Go's (?P<name>) group syntax.
    private const string Config = """
        title = "team rules"

        [[rules]]
        id = "acme-api-key"
        description = "ACME API key"
        regex = '''(?i)acme[_-]?key\s*=\s*['"](?P<key>acme_[a-z0-9]{24})['"]'''
        secretGroup = 1
        entropy = 3.0
        keywords = ["ACME_"]
        path = '''\.(env|cfg)$'''

          [[rules.allowlists]]
          stopwords = ["acme_test"]

        [[rules]]
        id = "internal-token"
        regex = '''itk_[A-Za-z0-9]{20}'''
        keywords = ["itk_"]
        [rules.allowlist]
        paths = ['''^fixtures/''']

        [allowlist]
        description = "global"
        paths = ['''(^|/)generated/''']
        """;

    private static string AcmeKey => "acme_" + Fake.Chars("abcdefghijklmnopqrstuvwxyz0123456789", 24, 30);
    private static string Itk => "itk_" + Fake.Chars(Fake.Alnum, 20, 31);

    [Fact]
    public void Parse_GitleaksToml_ReadsRulesAndAllowlists()
    {
        var set = GitleaksConfig.Parse(Config);

        Assert.Equal(["acme-api-key", "internal-token"], set.Rules.Select(r => r.Id));
        var acme = set.Rules[0];
        Assert.Equal((1, 3.0), (acme.SecretGroup, acme.MinEntropy));
        Assert.Equal(["acme_"], acme.Keywords);
        Assert.Equal(["acme_test"], Assert.Single(acme.Allowlists).StopWords);
        Assert.Single(set.Rules[1].Allowlists);
        Assert.Single(set.GlobalAllowlists);
    }

    [Fact]
    public void ScanDirectory_WithGitleaksConfig_AppliesRulesPathsAndAllowlists()
    {
        using var tree = new TempTree();
        var path = tree.Write("gitleaks.toml", Config);
        tree.Write("app/.env", $"ACME_KEY = \"{AcmeKey}\"\n");
        tree.Write("app/notes.md", $"ACME_KEY = \"{AcmeKey}\"\n");          // outside the rule's path filter
        tree.Write("app/test.cfg", "ACME_KEY = 'acme_test0000000000000000000'\n"); // stopword
        tree.Write("src/a.cs", $"var t = \"{Itk}\";\n");
        tree.Write("fixtures/a.cs", $"var t = \"{Itk}\";\n");                  // rule allowlist path
        tree.Write("src/generated/a.cs", $"var t = \"{Itk}\";\n");             // global allowlist path

        var scanner = new SecretScanner(GitleaksConfig.Load(path));
        var findings = scanner.ScanDirectory(tree.Root);

        Assert.Equal(
            [("app/.env", "acme-api-key"), ("src/a.cs", "internal-token")],
            findings.Select(f => (f.File, f.RuleId)).Order());
    }

    [Fact]
    public void Parse_InvalidRegex_ErrorNamesTheRule()
    {
        var toml = "[[rules]]\nid = \"broken-rule\"\nregex = '''(unclosed'''\n";

        var e = Assert.Throws<SecretConfigException>(() => GitleaksConfig.Parse(toml));

        Assert.Contains("broken-rule", e.Message);
        Assert.Contains("(unclosed", e.Message);
    }

    [Fact]
    public void ScanDirectory_PathOnlyRule_FlagsMatchingFile()
    {
        using var tree = new TempTree();
        tree.Write("certs/server.p12", "opaque");
        tree.Write("certs/readme.txt", "opaque");
        var set = GitleaksConfig.Parse("[[rules]]\nid = \"pkcs12-file\"\npath = '''\\.p12$'''\n");

        var finding = Assert.Single(new SecretScanner(set).ScanDirectory(tree.Root));

        Assert.Equal(("pkcs12-file", "certs/server.p12"), (finding.RuleId, finding.File));
    }

    [Fact]
    public void Parse_InvalidToml_ThrowsConfigException()
    {
        Assert.Throws<SecretConfigException>(() => GitleaksConfig.Parse("[[rules]\nid = "));
    }

    [Fact]
    public void Parse_ExtendUseDefault_KeepsDefaultRulesAndAddsTeamRules()
    {
        var set = GitleaksConfig.Parse("[extend]\nuseDefault = true\n\n[[rules]]\nid = \"x\"\nregex = 'x_[0-9]{8}'\n");

        Assert.Contains(set.Rules, r => r.Id == "aws-access-key-id");
        Assert.Contains(set.Rules, r => r.Id == "x");
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a = ", "}")]
    public void Load_50000NestedArraysOrInlineTables_ThrowsNamingTheFileLineAndColumn(string open, string close)
    {
        using var tree = new TempTree();
        var deep = string.Concat(Enumerable.Repeat(open, 50_000)) + "1" + string.Concat(Enumerable.Repeat(close, 50_000));
        var path = tree.Write("gitleaks.toml", $"title = \"deep\"\n[[rules]]\nid = \"x\"\nregex = \"x\"\nkeywords = {deep}\n");

        var e = Assert.Throws<SecretConfigException>(() => GitleaksConfig.Load(path));

        Assert.StartsWith($"{path}:5:", e.Message);
        Assert.Contains(": invalid TOML: The maximum depth of 64 has been exceeded", e.Message);
    }
}
