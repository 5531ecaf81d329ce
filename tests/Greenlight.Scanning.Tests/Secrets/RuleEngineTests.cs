using System.Diagnostics;
using System.Text.RegularExpressions;
using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

public sealed class RuleEngineTests
{
    [Theory]
    [InlineData("aaaaaaaa", 0.0)]
    [InlineData("abababab", 1.0)]
    [InlineData("abcdefgh", 3.0)]
    public void ShannonEntropy_KnownStrings_BitsPerChar(string s, double expected)
    {
        Assert.Equal(expected, ShannonEntropy.Of(s), 6);
    }

    [Fact]
    public void ScanText_SecretBelowRuleEntropy_NoFinding()
    {
        var rule = new SecretRule { Id = "r", Pattern = new Regex("k=([a-z]+)"), MinEntropy = 2.5 };
        var scanner = new SecretScanner(new SecretRuleSet([rule]));

        Assert.Empty(scanner.ScanText("a", "k=aaaabbbb"));
        Assert.Single(scanner.ScanText("a", "k=qwertyuiop"));
    }

    [Fact]
    public void ScanText_SecretGroupZeroWithGroups_UsesFirstNonEmptyGroup()
    {
        var rule = new SecretRule { Id = "r", Pattern = new Regex("(?:x=(\\d+))|(?:y=(\\w+))") };

        var f = Assert.Single(new SecretScanner(new SecretRuleSet([rule])).ScanText("a", "  y=abcdefgh"));

        Assert.Equal((1, 5), (f.Line, f.Column));
        Assert.Equal("y=ab****", f.Excerpt);
    }

    [Fact]
    public void SecretRuleSet_DuplicateIds_ThrowsNamingTheId()
    {
        var rule = new SecretRule { Id = "twice", Pattern = new Regex("x") };

        var e = Assert.Throws<SecretConfigException>(() => new SecretRuleSet([rule, rule]));

        Assert.Contains("twice", e.Message);
    }

    [Fact]
    public void ScanText_HugeLineWithKeywords_StaysFast()
    {
        // Minified bundles put megabytes on one line; the generic rule must stay linear on them. Linear is well under a
        // second here; a quadratic scan of 1.6 MB would take hours. The bound is loose so that a loaded CI machine (which
        // once took 3.2 s) cannot fail it, and still tight enough for a regression to.
        var text = "token password " + Fake.Chars(Fake.Alnum + "_", 1_500_000, 50) + " secret=" + new string('a', 100_000);

        var sw = Stopwatch.StartNew();
        new SecretScanner().ScanText("bundle.min.js", text);

        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), $"took {sw.Elapsed}");
    }
}
