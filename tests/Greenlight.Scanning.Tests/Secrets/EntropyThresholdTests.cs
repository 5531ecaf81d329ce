using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

/// <summary>As in gitleaks, a secret must have more entropy than its rule's threshold; exactly the threshold is not enough.</summary>
public sealed class EntropyThresholdTests
{
    [Theory]
    [InlineData(2.0, "tok_abcd", false)]       // 4 distinct characters once each: exactly 2 bits
    [InlineData(2.0, "tok_abcde", true)]       // log2(5) bits
    [InlineData(3.0, "tok_abcdefgh", false)]   // exactly 3 bits
    [InlineData(3.0, "tok_abcdefghi", true)]   // log2(9) bits
    public void ScanText_SecretAtOrAboveThreshold_ReportedOnlyAbove(double threshold, string line, bool reported)
    {
        var set = GitleaksConfig.Parse($"[[rules]]\nid = \"tok\"\nregex = '''tok_([a-z]+)'''\nentropy = {threshold:0.0}\n");
        var secret = line[4..];
        var entropy = ShannonEntropy.Of(secret);
        Assert.True(reported ? entropy > threshold : entropy == threshold, $"entropy {entropy:R}");

        var findings = new SecretScanner(set).ScanText("a.txt", line + "\n");

        Assert.Equal(reported, findings.Count == 1);
    }
}
