using System.Globalization;
using System.Text;

namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Go RE2's named character classes as .NET class bodies (what goes between '[' and ']'). RE2's Perl classes
/// (\d \s \w) and POSIX classes are ASCII-only, where .NET's are Unicode: each is spelled out as explicit ranges.
/// </summary>
internal static class GoRegexClasses
{
    // (lo, hi) code point ranges, from Go's regexp/syntax perl_groups.go.
    private static readonly Dictionary<char, (int, int)[]> Perl = new()
    {
        ['d'] = [('0', '9')],
        ['s'] = [('\t', '\n'), ('\f', '\r'), (' ', ' ')],
        ['w'] = [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')],
    };

    private static readonly Dictionary<string, (int, int)[]> Posix = new()
    {
        ["alnum"] = [('0', '9'), ('A', 'Z'), ('a', 'z')],
        ["alpha"] = [('A', 'Z'), ('a', 'z')],
        ["ascii"] = [(0, 0x7F)],
        ["blank"] = [('\t', '\t'), (' ', ' ')],
        ["cntrl"] = [(0, 0x1F), (0x7F, 0x7F)],
        ["digit"] = [('0', '9')],
        ["graph"] = [('!', '~')],
        ["lower"] = [('a', 'z')],
        ["print"] = [(' ', '~')],
        ["punct"] = [('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        ["space"] = [('\t', '\r'), (' ', ' ')],
        ["upper"] = [('A', 'Z')],
        ["word"] = [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')],
        ["xdigit"] = [('0', '9'), ('A', 'F'), ('a', 'f')],
    };

    /// <summary>The ASCII word characters, for \b and \B.</summary>
    public static string Word { get; } = "[" + Body(Perl['w'], false) + "]";

    /// <summary>\d \s \w (or, upper-case, their negations); null for any other letter.</summary>
    public static string? PerlClass(char letter) =>
        Perl.TryGetValue(char.ToLowerInvariant(letter), out var ranges) ? Body(ranges, char.IsUpper(letter)) : null;

    /// <summary>[:name:] or [:^name:]; null for a name RE2 does not know.</summary>
    public static string? PosixClass(string name)
    {
        var negated = name.StartsWith('^');
        return Posix.TryGetValue(negated ? name[1..] : name, out var ranges) ? Body(ranges, negated) : null;
    }

    /// <summary>
    /// \pN, \p{Lu}, \PL, \p{^L}: Unicode general categories, which .NET shares. Scripts (\p{Greek}) are refused:
    /// .NET only knows blocks (\p{IsGreek}), which hold other characters than the script.
    /// </summary>
    public static string UnicodeClass(string name, bool negated)
    {
        if (name.StartsWith('^')) (name, negated) = (name[1..], !negated);
        if (name == "Any" && !negated) return @"\u0000-\uFFFF";
        if (!IsGeneralCategory(name))
            throw new GoRegexException($"Unicode class \\p{{{name}}} is a script or unknown; only general categories such as \\p{{L}} or \\pN translate to .NET");
        return $@"\{(negated ? 'P' : 'p')}{{{name}}}";
    }

    private static bool IsGeneralCategory(string name) => name.Length is 1 or 2 && name.All(char.IsAsciiLetter) && char.IsUpper(name[0])
        && "CLMNPSZ".Contains(name[0]) && (name.Length == 1 || char.IsLower(name[1]));

    /// <summary>One character, escaped so it means itself inside or outside a class.</summary>
    public static string Literal(int c) =>
        c < 0x80 && char.IsAsciiLetterOrDigit((char)c) ? ((char)c).ToString()
        : c <= 0xFFFF ? $@"\u{c:X4}"
        : string.Concat(char.ConvertFromUtf32(c).Select(u => $@"\u{(int)u:X4}"));

    private static string Body((int Lo, int Hi)[] ranges, bool negated)
    {
        var spans = negated ? Complement(ranges) : ranges;
        var sb = new StringBuilder();
        foreach (var (lo, hi) in spans)
        {
            sb.Append(Literal(lo));
            if (hi != lo) sb.Append('-').Append(Literal(hi));
        }
        return sb.ToString();
    }

    // Within the UTF-16 code units .NET matches one at a time; see docs/pipeline.md on characters past U+FFFF.
    private static (int, int)[] Complement((int Lo, int Hi)[] ranges)
    {
        var result = new List<(int, int)>();
        var next = 0;
        foreach (var (lo, hi) in ranges.OrderBy(r => r.Lo))
        {
            if (lo > next) result.Add((next, lo - 1));
            next = Math.Max(next, hi + 1);
        }
        if (next <= 0xFFFF) result.Add((next, 0xFFFF));
        return [.. result];
    }

    public static int ParseHex(string digits) =>
        int.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
