using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

/// <summary>gitleaks' own rule set, shipped as the opt-in `rules: gitleaks`.</summary>
public sealed class GitleaksRuleSetTests
{
    // A Pulumi access token: a family gitleaks' rules cover and Greenlight's defaults do not.
    private static readonly string Pulumi = "pul-" + Fake.Chars(Fake.Hex, 40, 71);
    private static readonly string Text = $"pulumi_login(\"{Pulumi}\")\n";

    [Fact]
    public void Named_Gitleaks_IsGitleaksFullConfig()
    {
        var rules = SecretRules.Named("gitleaks");

        Assert.Equal(222, rules.Rules.Count(r => !r.SkipReport));
        Assert.Contains(rules.Rules, r => r.Id == "generic-api-key");
        Assert.Same(SecretRules.Gitleaks, rules);
    }

    [Fact]
    public void ScanText_PulumiToken_FoundWithGitleaksRulesAndNotWithTheDefaults()
    {
        var withGitleaks = new SecretScanner(SecretRules.Gitleaks).ScanText("deploy.py", Text);
        var withDefaults = new SecretScanner(SecretRules.Named("default")).ScanText("deploy.py", Text);

        var f = Assert.Single(withGitleaks);
        Assert.Equal(("pulumi-api-token", 1, 15), (f.RuleId, f.Line, f.Column));
        Assert.DoesNotContain(Pulumi, f.Excerpt);
        Assert.Empty(withDefaults);
    }

    [Fact]
    public void Named_UnknownSet_IsRefusedWithTheNames()
    {
        var e = Assert.Throws<SecretConfigException>(() => SecretRules.Named("all"));

        Assert.Equal("unknown rule set 'all': expected one of default, gitleaks", e.Message);
    }

    [Fact]
    public void GitleaksLicence_ShipsBesideTheAssembly()
    {
        var notice = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "licenses", "gitleaks", "NOTICE"));

        Assert.Contains("MIT License", notice);
        Assert.Contains("Copyright (c) 2019 Zachary Rice", notice);
    }
}
