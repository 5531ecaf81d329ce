using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

/// <summary>gitleaks' inline comment, decided as gitleaks decides it (detect.go: the finding's lines contain it).</summary>
public sealed class GitleaksAllowTests
{
    [Fact]
    public void ScanDirectory_GitleaksAllowOnTheSecretsLine_NotReportedButCounted()
    {
        using var tree = new TempTree();
        // The README's own example puts it right after '#', with no space.
        tree.Write("app.py", $"token = '{Fake.GitHub}'  #gitleaks:allow\nstripe = '{Fake.Stripe}'\n");
        var options = new SecretScanOptions();

        var findings = new SecretScanner(options: options).ScanDirectory(tree.Root);

        Assert.Equal("stripe-key", Assert.Single(findings).RuleId);
        Assert.Equal(1, options.Suppressed[Suppression.GitleaksAllow]);
        Assert.Equal("suppressed 1 finding: 1 by gitleaks:allow", options.Suppressed.ToString());
    }

    [Fact]
    public void ScanDirectory_GitleaksAllowInOtherCase_StillReported()
    {
        using var tree = new TempTree();
        tree.Write("app.py", $"token = '{Fake.GitHub}'  # GITLEAKS:ALLOW\n");
        var options = new SecretScanOptions();

        Assert.Single(new SecretScanner(options: options).ScanDirectory(tree.Root));
        Assert.Equal(0, options.Suppressed.Total);
    }

    [Fact]
    public void ScanDirectory_GitleaksAllowOnTheLineAbove_StillReported()
    {
        using var tree = new TempTree();
        tree.Write("app.py", $"# gitleaks:allow\ntoken = '{Fake.GitHub}'\n");

        Assert.Single(new SecretScanner().ScanDirectory(tree.Root));
    }

    [Fact]
    public void ScanDirectory_GitleaksAllowOnLastLineOfAMultiLineMatch_NotReported()
    {
        using var tree = new TempTree();
        // A private key's match spans its block; gitleaks tests the marker on every line of the match.
        tree.Write("deploy.pem", Fake.PrivateKey.TrimEnd('\n') + " # gitleaks:allow\n");
        var options = new SecretScanOptions();

        Assert.Empty(new SecretScanner(options: options).ScanDirectory(tree.Root));
        Assert.Equal(1, options.Suppressed[Suppression.GitleaksAllow]);
    }

    [Fact]
    public void ScanText_GitleaksAllowOnTheMatchsFirstLineAboveTheSecret_NotReported()
    {
        var rules = GitleaksConfig.Parse("[[rules]]\nid = \"two-line\"\nregex = 'apikey:\\s*([a-z0-9]{20})'\n");

        Assert.Empty(new SecretScanner(rules).ScanText("f.yml", "apikey: # gitleaks:allow\n  abcdefghij0123456789\n"));
        Assert.Single(new SecretScanner(rules).ScanText("f.yml", "# gitleaks:allow\napikey:\n  abcdefghij0123456789\n"));
    }

    [Fact]
    public void Scan_HistoryLineWithGitleaksAllow_NotReportedButCounted()
    {
        using var repo = new TempRepo();
        repo.Write("tests/fixture.py", $"KEY = '{Fake.GitHub}'  // gitleaks:allow\nOTHER = '{Fake.Stripe}'\n");
        repo.Commit("fixture");
        var options = new SecretScanOptions();

        var findings = new GitHistoryScanner(options: options).Scan(repo.Root);

        Assert.Equal("stripe-key", Assert.Single(findings).RuleId);
        Assert.Equal(1, options.Suppressed[Suppression.GitleaksAllow]);
    }

    [Fact]
    public void ScanDirectory_BothAllowComments_EachCountedUnderItsOwnName()
    {
        using var tree = new TempTree();
        tree.Write("a.py", $"a = '{Fake.GitHub}'  # gitleaks:allow\nb = '{Fake.Stripe}'  # {SecretScanner.AllowComment}\n");
        var options = new SecretScanOptions();

        Assert.Empty(new SecretScanner(options: options).ScanDirectory(tree.Root));
        Assert.Equal("suppressed 2 findings: 1 by greenlight:allow-secret, 1 by gitleaks:allow", options.Suppressed.ToString());
    }
}
