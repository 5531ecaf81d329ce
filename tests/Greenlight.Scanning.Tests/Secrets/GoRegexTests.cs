using System.Text.RegularExpressions;
using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

/// <summary>Each RE2 construct gitleaks configs use matches in .NET exactly what it matches in Go.</summary>
public sealed class GoRegexTests
{
    private static Regex Go(string pattern) => new(GoRegex.Translate(pattern), RegexOptions.CultureInvariant);

    [Theory]
    [InlineData("^[[:alnum:]]+$", "ab9Z", "a:l")]
    [InlineData("^[[:alpha:]]+$", "abZ", "ab9")]
    [InlineData("^[[:digit:]]+$", "0129", "12a")]
    [InlineData("^[[:xdigit:]]+$", "0fA9", "0fg")]
    [InlineData("^[[:space:]]+$", " \t\n\v\f\r", "\u00a0")]
    [InlineData("^[[:upper:]]+$", "ABZ", "AbZ")]
    [InlineData("^[[:lower:]]+$", "abz", "aBz")]
    [InlineData("^[[:punct:]]+$", "!-/:@[`{~", "a!")]
    [InlineData("^[[:word:]]+$", "a_9", "a-9")]
    [InlineData("^[[:^alpha:]]+$", "9_-", "9a")]
    [InlineData("^[[:alnum:]_-]+$", "a_-9", "a.9")]
    [InlineData(@"^[^[:space:][:digit:]]+$", "ab.", "a1")]
    public void PosixClass_MatchesItsAsciiSetOnly(string pattern, string matching, string notMatching)
    {
        Assert.Matches(Go(pattern), matching);
        Assert.DoesNotMatch(Go(pattern), notMatching);
    }

    [Theory]
    [InlineData(@"^\d+$", "٣")]        // Arabic-Indic digit: .NET's \d takes it, RE2's does not
    [InlineData(@"^\w+$", "é")]
    [InlineData(@"^\s+$", "\u2003")]   // em space
    [InlineData(@"^[\w.-]+$", "é")]
    [InlineData(@"^\s+$", "\v")]       // RE2's \s is [\t\n\f\r ]
    public void PerlClasses_AreAsciiOnly(string pattern, string unicode)
    {
        Assert.DoesNotMatch(Go(pattern), unicode);
    }

    [Fact]
    public void WordBoundary_IsAsciiOnly()
    {
        // Between 'é' and 'a' RE2 sees a boundary (é is no word character to it); .NET does not.
        Assert.Matches(Go(@"\bapi"), "éapi");
        Assert.DoesNotMatch(Go(@"\bapi"), "xapi");
        Assert.Matches(Go(@"x\B"), "xy");
        Assert.DoesNotMatch(Go(@"x\B"), "x-");
    }

    [Fact]
    public void Dollar_WithoutMultiline_IsEndOfTextOnly()
    {
        // .NET's $ also matches before a final newline; RE2's does not.
        Assert.DoesNotMatch(Go("key$"), "key\n");
        Assert.Matches(Go("key$"), "key");
        Assert.Matches(Go(@"key\z"), "key");
        Assert.Matches(Go("(?m)key$"), "key\nmore");
        Assert.Matches(Go("(?m:^key$)"), "x\nkey\n");
        Assert.DoesNotMatch(Go("^key"), "x\nkey");
    }

    [Fact]
    public void FlagsScopedToGroup_EndWithIt()
    {
        Assert.DoesNotMatch(Go("(?:(?m)x)b$"), "xb\n");
        Assert.Matches(Go("(?m)xb$"), "xb\n");
        Assert.Matches(Go("(?:(?m)a$)\nb$"), "a\nb");
        Assert.Matches(Go("(?i)ABC"), "abc");
        Assert.Matches(Go("(?s)a.b"), "a\nb");
        Assert.DoesNotMatch(Go("a.b"), "a\nb");
        Assert.Matches(Go("(?i:a)B"), "AB");
        Assert.DoesNotMatch(Go("(?i:a)B"), "Ab");
    }

    [Fact]
    public void Ungreedy_SwapsGreedyAndLazy()
    {
        Assert.Equal("ab", Go("(?U)a.+").Match("abcd").Value);
        Assert.Equal("abcd", Go("(?U)a.+?").Match("abcd").Value);
        Assert.Equal("abcd", Go("(?U:a.+?)").Match("abcd").Value);
        Assert.Equal("ab", Go("(?:(?U)a.{1,3})").Match("abcd").Value);
        Assert.Equal("abcd", Go("(?:(?U)a+)b.{1,2}").Match("abcd").Value);
    }

    [Fact]
    public void NamedGroups_AreNumberedLeftToRightAsInRe2()
    {
        // .NET numbers named groups after unnamed ones; RE2 (and so a rule's secretGroup) does not.
        var m = Go(@"(?P<name>[a-z]+)=(\d+)").Match("key=42");
        Assert.Equal(("key", "42"), (m.Groups[1].Value, m.Groups[2].Value));
        Assert.Equal("key", Go(@"(?<name>[a-z]+)=(\d+)").Match("key=42").Groups[1].Value);
    }

    [Fact]
    public void QuotedAndEscapedPunctuation_AreLiterals()
    {
        Assert.Matches(Go(@"^\Qa.b*c\E+$"), "a.b*cc");
        Assert.DoesNotMatch(Go(@"^\Qa.b*c\E$"), "axbbc");
        Assert.Matches(Go(@"^\Q[x]"), "[x]");
        Assert.Matches(Go(@"^api\_key$"), "api_key");
        Assert.Matches(Go(@"^[\_\-]+$"), "_-");
    }

    [Fact]
    public void LiteralBracesAndEscapes_MeanThemselves()
    {
        Assert.Matches(Go(@"^a{,2}$"), "a{,2}");
        Assert.Matches(Go(@"^a{2}$"), "aa");
        Assert.Matches(Go(@"^a{02}$"), "a{02}");
        Assert.Matches(Go(@"^\x41\x{42}\101\0$"), "ABA\0");
        Assert.Matches(Go(@"^[]a]+$"), "]a");
        Assert.Matches(Go(@"^[a-c-[]+$"), "b-[");
        Assert.Matches(Go("^😀+$"), "😀😀"); // the quantifier takes the whole character, not its low surrogate
        Assert.Matches(Go(@"^\x{1F600}{2}$"), "😀😀");
    }

    [Fact]
    public void UnicodeGeneralCategories_Translate()
    {
        Assert.Matches(Go(@"^\pN+$"), "12٣");
        Assert.Matches(Go(@"^\p{Lu}\PL$"), "A1");
        Assert.Matches(Go(@"^[\p{^L}]$"), "1");
        Assert.DoesNotMatch(Go(@"^[\p{^L}]$"), "a");
    }

    [Theory]
    [InlineData(@"key(?=value)", "lookaround")]
    [InlineData(@"(?<!x)key", "lookaround")]
    [InlineData(@"(a)\1", "backreference")]
    [InlineData(@"(?P<a>x)(?P=a)", "backreference")]
    [InlineData(@"(?>a+)", "atomic group")]
    [InlineData(@"(?x) a b", "group syntax")]
    [InlineData(@"\p{Greek}", "script")]
    [InlineData(@"[[:alphanum:]]", "unknown POSIX class")]
    [InlineData(@"a{1001}", "invalid repeat count")]
    [InlineData(@"\Z", "invalid escape")]
    [InlineData(@"a**", "missing argument to repetition")]
    [InlineData(@"(a", "missing closing )")]
    [InlineData(@"(?P<k>a)(?P<k>b)", "duplicate capture group name 'k'")]
    [InlineData(@"[a", "missing closing ]")]
    [InlineData("[😀]", "past U+FFFF")]
    public void NotRe2OrNotTranslatable_IsRefused(string pattern, string reason)
    {
        var e = Assert.Throws<GoRegexException>(() => GoRegex.Translate(pattern));

        Assert.Contains(reason, e.Message);
    }
}
