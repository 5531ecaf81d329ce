using System.Buffers;
using System.Text;

namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Up to eight ASCII keywords searched together with one vectorised multi-string search. .NET searches up to eight
/// strings with one fingerprint each (Teddy); beyond that it shares fingerprints between strings, picked in turn,
/// and a set of 60 rule keywords then stops on a candidate every few chars. Several small groups, each one fast
/// pass, cost far less than one large set, and the cost grows with the number of keywords instead of jumping.
/// </summary>
internal sealed class KeywordGroup
{
    public const int MaxSize = 8;

    private readonly string[] _keywords;
    private readonly int[] _indexes; // into the matcher's keywords

    // A keyword already found need not stop the search again ("token" is on every other line of code): the search
    // switches to the keywords still missing, one searcher per set of found keywords (a bit mask), built on first
    // use. Concurrent scans may both build one; either result is the same searcher.
    private readonly SearchValues<string>?[] _missing;

    public KeywordGroup(IReadOnlyList<(string Keyword, int Index)> members)
    {
        _keywords = members.Select(m => m.Keyword).ToArray();
        _indexes = members.Select(m => m.Index).ToArray();
        _missing = new SearchValues<string>?[1 << _keywords.Length];
    }

    /// <summary>Sets <paramref name="found"/>[i] for each of the group's keywords i that occurs in the text.</summary>
    public void FindPresent(ReadOnlySpan<char> text, bool[] found)
    {
        var mask = 0;
        var all = (1 << _keywords.Length) - 1;
        var searcher = Missing(mask);
        for (var at = text.IndexOfAny(searcher); at >= 0;)
        {
            // The search folds case more widely than ASCII does (e.g. U+017F is an 's' to it), so each candidate
            // is confirmed with the automaton's own rule: ASCII letters compared case-insensitively.
            var rest = text[at..];
            var before = mask;
            for (var k = 0; k < _keywords.Length; k++)
            {
                if ((mask & (1 << k)) != 0 || rest.Length < _keywords[k].Length || !Ascii.EqualsIgnoreCase(rest[.._keywords[k].Length], _keywords[k])) continue;
                found[_indexes[k]] = true;
                mask |= 1 << k;
            }
            if (mask == all) return;
            if (mask != before) searcher = Missing(mask);
            var next = text[(at + 1)..].IndexOfAny(searcher);
            at = next < 0 ? -1 : at + 1 + next;
        }
    }

    private SearchValues<string> Missing(int found) =>
        _missing[found] ??= SearchValues.Create(_keywords.Where((_, k) => (found & (1 << k)) == 0).ToArray(), StringComparison.OrdinalIgnoreCase);
}
