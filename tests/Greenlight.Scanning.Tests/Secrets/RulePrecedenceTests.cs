using System.Text.RegularExpressions;
using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

/// <summary>Which findings survive when several rules match one secret: gitleaks' behaviour, whatever the rule order.</summary>
public sealed class RulePrecedenceTests
{
    private static readonly Lazy<SecretRuleSet> Gitleaks =
        new(() => GitleaksConfig.Load(Path.Combine(AppContext.BaseDirectory, "Secrets", "Gitleaks", "gitleaks.toml")));

    // Each sample sits in an assignment that gitleaks' generic-api-key matches too.
    public static TheoryData<string, string, bool> Samples()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var reversed in new[] { false, true })
        {
            data.Add("github-pat", "gh" + "p_" + Fake.Chars(Fake.Alnum, 36, 50), reversed);
            data.Add("npm-access-token", "np" + "m_" + Fake.Chars("abcdefghijklmnopqrstuvwxyz0123456789", 36, 51), reversed);
            data.Add("slack-bot-token", "xo" + "xb-" + Fake.Chars("0123456789", 12, 52) + "-" + Fake.Chars("0123456789", 12, 53) + "-" + Fake.Chars(Fake.Alnum, 24, 54), reversed);
            data.Add("twilio-api-key", "S" + "K" + Fake.Chars("0123456789abcdef", 32, 55), reversed);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void ScanText_GitleaksConfig_ProviderSampleReportedUnderItsOwnRuleNotGeneric(string ruleId, string secret, bool reversed)
    {
        var rules = Gitleaks.Value;
        if (reversed) rules = new SecretRuleSet([.. rules.Rules.Reverse()], rules.GlobalAllowlists);

        var findings = new SecretScanner(rules).ScanText("deploy/app.env", $"  service_token = \"{secret}\"\n");

        var f = Assert.Single(findings);
        Assert.Equal(ruleId, f.RuleId);
        Assert.Equal((1, 20), (f.Line, f.Column));
    }

    [Fact]
    public void ScanText_GenericSecretNotInsideTheSpecificOne_BothReported()
    {
        // gitleaks drops a generic finding only when a specific finding on the line contains its secret.
        var specific = new SecretRule { Id = "acme", Pattern = new Regex("acme_[a-z]{8}") };
        var generic = new SecretRule { Id = "my-generic", Pattern = new Regex(@"pass=(\w+)") };
        var scanner = new SecretScanner(new SecretRuleSet([generic, specific]));

        var findings = scanner.ScanText("a", "pass=qwertyuiop acme_abcdefgh\n");

        Assert.Equal(["my-generic", "acme"], findings.Select(f => f.RuleId));
    }

    [Fact]
    public void ScanText_TwoSpecificRulesAtOneOffset_BothReported()
    {
        var first = new SecretRule { Id = "acme-key", Pattern = new Regex("acme_[a-z0-9]{12}") };
        var second = new SecretRule { Id = "acme-live-key", Pattern = new Regex("acme_live[a-z0-9]{8}") };

        var findings = new SecretScanner(new SecretRuleSet([first, second])).ScanText("a", "key acme_live1234abcd\n");

        Assert.Equal(["acme-key", "acme-live-key"], findings.Select(f => f.RuleId).Order());
        Assert.All(findings, f => Assert.Equal(5, f.Column));
    }

    [Theory]
    [InlineData("api_token = \"{0}\"")]
    [InlineData("export GITHUB_TOKEN={0}")]
    public void ScanText_DefaultRules_ProviderTokenInAssignmentIsNotAlsoGeneric(string format)
    {
        var findings = new SecretScanner().ScanText("a.py", string.Format(format, Fake.GitHub) + "\n");

        Assert.Equal("github-token", Assert.Single(findings).RuleId);
    }
}
