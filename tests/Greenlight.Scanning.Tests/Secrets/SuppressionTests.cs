using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

public sealed class SuppressionTests
{
    [Fact]
    public void ScanText_InlineAllowCommentOnSameLine_NoFinding()
    {
        var text = $"key = \"{Fake.Stripe}\" # {SecretScanner.AllowComment} test fixture\n";

        Assert.Empty(new SecretScanner().ScanText("a.py", text));
    }

    [Fact]
    public void ScanText_InlineAllowCommentOnOtherLine_StillFinds()
    {
        var text = $"# {SecretScanner.AllowComment}\nkey = \"{Fake.Stripe}\"\n";

        Assert.Single(new SecretScanner().ScanText("a.py", text));
    }

    [Fact]
    public void ScanDirectory_FindingInBaseline_Skipped()
    {
        using var tree = new TempTree();
        tree.Write("a.env", $"AWS_ID={Fake.AwsKeyId}\n");
        var first = new SecretScanner().ScanDirectory(tree.Root);
        var baselinePath = Path.Combine(tree.Root, "..", Path.GetFileName(tree.Root) + ".baseline.json");
        SecretBaseline.Save(baselinePath, first);
        // A new secret added later, and lines inserted above the accepted one.
        tree.Write("a.env", $"# moved down\nAWS_ID={Fake.AwsKeyId}\nGH={Fake.GitHub}\n");

        try
        {
            var options = new SecretScanOptions { Baseline = SecretBaseline.Load(baselinePath) };
            var findings = new SecretScanner(options: options).ScanDirectory(tree.Root);

            Assert.Single(first);
            Assert.Equal("github-token", Assert.Single(findings).RuleId);
        }
        finally { File.Delete(baselinePath); }
    }

    [Fact]
    public void Load_BaselineOfPlainFingerprints_ContainsThem()
    {
        using var tree = new TempTree();
        var path = tree.Write("b.json", "[\"a.txt:rule:00ff\", {\"fingerprint\": \"b.txt:rule:11ee\"}]");

        var baseline = SecretBaseline.Load(path);

        Assert.True(baseline.Contains("a.txt:rule:00ff") && baseline.Contains("b.txt:rule:11ee"));
    }

    [Fact]
    public void Load_MalformedBaseline_ThrowsConfigException()
    {
        using var tree = new TempTree();
        var path = tree.Write("b.json", "{ not json");

        Assert.Throws<SecretConfigException>(() => SecretBaseline.Load(path));
    }
}
