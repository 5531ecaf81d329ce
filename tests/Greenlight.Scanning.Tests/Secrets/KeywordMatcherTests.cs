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

    [Fact]
    public void FindPresent_KelvinSignInText_FoldsToK()
    {
        Assert.Equal([true], new KeywordMatcher(["akia"]).FindPresent("x A\u212AIA y"));
    }

    [Fact]
    public void FindPresent_CharOnlyUnicodeFoldsToAscii_NoMatch()
    {
        // U+017F (long s) uppercases to 'S', but it is no ASCII 's': the automaton never took it for one.
        Assert.Equal([false, true], new KeywordMatcher(["sk_live_", "token"]).FindPresent("\u017Fk_live_ TOKEN"));
    }

    [Fact]
    public void FindPresent_RandomTexts_SameAsAutomatonOneCharAtATime()
    {
        string[] keywords = ["aws", "akia", "token", "password", "pwd", "ghp_", "hooks.slack.com", "private key", "sk_live_"];
        var matcher = new KeywordMatcher(keywords);
        var rng = new Random(7);
        const string alphabet = "awsAWSkiKItoenTOENpdPD_gh.lckrvy -\u00e9\u017F";
        for (var i = 0; i < 2000; i++)
        {
            var text = new string(Enumerable.Range(0, rng.Next(1, 60)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
            // The specification: the keyword occurs with ASCII letters compared case-insensitively.
            var expected = keywords.Select(k => Enumerable.Range(0, Math.Max(0, text.Length - k.Length + 1))
                .Any(at => System.Text.Ascii.EqualsIgnoreCase(text.AsSpan(at, k.Length), k)));

            Assert.Equal(expected, matcher.FindPresent(text));
        }
    }

    [Fact]
    public void FindPresent_MoreKeywordsThanOneSearchGroup_FindsExactlyThoseInTheText()
    {
        // 70 keywords span nine search groups; each text holds a few of them, some twice, in mixed case.
        var keywords = Enumerable.Range(0, 70).Select(i => $"kw{i:00}_{(char)('a' + i % 26)}").ToArray();
        var matcher = new KeywordMatcher(keywords);
        var rng = new Random(11);
        for (var i = 0; i < 200; i++)
        {
            var picked = Enumerable.Range(0, rng.Next(0, 12)).Select(_ => rng.Next(keywords.Length)).ToHashSet();
            var text = string.Join(" filler ", picked.Concat(picked.Take(2)).Select(k => rng.Next(2) == 0 ? keywords[k] : keywords[k].ToUpperInvariant()));

            Assert.Equal(keywords.Select((_, k) => picked.Contains(k)), matcher.FindPresent(text));
        }
    }
}
