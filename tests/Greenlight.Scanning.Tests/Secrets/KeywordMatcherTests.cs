using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

public sealed class KeywordMatcherTests
{
    [Fact]
    public void FindPresent_OverlappingKeywords_FindsEachOnce()
    {
        // The classic Aho–Corasick case: "she" ends inside "hers" and "he" is a suffix of "she".
        var matcher = new KeywordMatcher(["he", "she", "his", "hers", "absent"]);

        var present = matcher.FindPresent("uSHErs");

        Assert.Equal([true, true, false, true, false], present);
    }

    [Fact]
    public void FindPresent_NonAsciiKeyword_UsesGeneralPathAndStillFinds()
    {
        var matcher = new KeywordMatcher(["clé_api", "token"]);

        Assert.Equal([true, false], matcher.FindPresent("la CLÉ_API vaut"));
    }

    [Fact]
    public void FindPresent_NonAsciiCharInsideText_ResetsWithoutFalseMatch()
    {
        var matcher = new KeywordMatcher(["akia"]);

        Assert.Equal([false], matcher.FindPresent("ak\u00e9ia"));
        Assert.Equal([true], matcher.FindPresent("\u00e9AKIA\u00e9"));
    }

    [Fact]
    public void FindPresent_NoKeywords_ReturnsEmpty()
    {
        Assert.Empty(new KeywordMatcher([]).FindPresent("anything"));
    }

    [Fact]
    public void ScanText_RuleKeywordAbsent_RegexNeverDecides()
    {
        // The regex would match, but the keyword is missing, so the pre-filter skips the rule entirely.
        var rule = new SecretRule
        {
            Id = "r",
            Pattern = new System.Text.RegularExpressions.Regex("value_[0-9]+"),
            Keywords = ["nothere"],
        };

        var findings = new SecretScanner(new SecretRuleSet([rule])).ScanText("a", "value_12345");

        Assert.Empty(findings);
    }
}
