using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

public sealed class GitleaksCompositeRuleTests
{
    // gitleaks' testdata/config/composite.toml, with a distance on the companion.
    private const string Config = """
        [[rules]]
        id = "primary-rule"
        regex = 'password\s*=\s*"([^"]+)"'
        [[rules.required]]
        id = "username-rule"
        withinLines = 2

        [[rules]]
        id = "username-rule"
        regex = 'username\s*=\s*"([^"]+)"'
        skipReport = true
        """;

    private static readonly SecretScanner Scanner = new(GitleaksConfig.Parse(Config));

    [Fact]
    public void ScanText_PrimaryWithItsCompanionNearby_ReportsOnlyThePrimary()
    {
        var findings = Scanner.ScanText("db.ini", "username = \"app\"\npassword = \"s3cr3t-P4ss\"\n");

        Assert.Equal([("primary-rule", 2)], findings.Select(f => (f.RuleId, f.Line)));
    }

    [Fact]
    public void ScanText_PrimaryWithoutItsCompanion_ReportsNothing()
    {
        Assert.Empty(Scanner.ScanText("db.ini", "password = \"s3cr3t-P4ss\"\n"));
    }

    [Fact]
    public void ScanText_CompanionFartherThanWithinLines_ReportsNothing()
    {
        Assert.Empty(Scanner.ScanText("db.ini", "username = \"app\"\n\n\n\npassword = \"s3cr3t-P4ss\"\n"));
    }

    [Fact]
    public void ScanText_SkipReportRuleAlone_ReportsNothing()
    {
        Assert.Empty(Scanner.ScanText("db.ini", "username = \"app\"\n"));
    }

    [Fact]
    public void ScanText_WithinColumns_MeasuresBetweenStartColumns()
    {
        var set = GitleaksConfig.Parse(Config.Replace("withinLines = 2", "withinColumns = 3"));

        Assert.Single(new SecretScanner(set).ScanText("a", "username = \"app\"\npassword = \"s3cr3t-P4ss\"\n"));
        Assert.Empty(new SecretScanner(set).ScanText("a", "username = \"app\"\n              password = \"s3cr3t-P4ss\"\n"));
    }

    [Fact]
    public void Parse_RequiredRuleThatDoesNotExist_IsRefusedNamingTheRule()
    {
        var e = Assert.Throws<SecretConfigException>(() => GitleaksConfig.Parse(Config.Replace("id = \"username-rule\"\nwithin", "id = \"user\"\nwithin")));

        Assert.Equal("rules[0] (id 'primary-rule').required: rule id 'user' does not exist", e.Message);
    }
}
