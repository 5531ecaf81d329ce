using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

public sealed class GitleaksTargetedAllowlistTests
{
    private const string Config = """
        [[rules]]
        id = "github-pat"
        regex = '''ghp_[0-9a-zA-Z]{36}'''

        [[rules]]
        id = "github-oauth"
        regex = '''gho_[0-9a-zA-Z]{36}'''

        [[allowlists]]
        targetRules = ["github-pat"]
        paths = ['''^docs/''']
        """;

    [Fact]
    public void ScanText_GlobalAllowlistWithTargetRules_SilencesOnlyTheNamedRules()
    {
        var scanner = new SecretScanner(GitleaksConfig.Parse(Config));
        var oauth = "gh" + "o_" + Fake.Chars(Fake.Alnum, 36, 51);

        var findings = scanner.ScanText("docs/setup.md", $"{Fake.GitHub}\n{oauth}\n");

        Assert.Equal(["github-oauth"], findings.Select(f => f.RuleId));
        Assert.Single(scanner.ScanText("src/a.cs", Fake.GitHub));
    }

    [Fact]
    public void Parse_TargetRulesNamingAnUnknownRule_IsRefused()
    {
        var e = Assert.Throws<SecretConfigException>(() =>
            GitleaksConfig.Parse(Config.Replace("targetRules = [\"github-pat\"]", "targetRules = [\"github-app\"]")));

        Assert.Equal("allowlists.targetRules: rule id 'github-app' does not exist", e.Message);
    }
}
