using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Greenlight.Scanning.Secrets.Decoding;

/// <summary>
/// Finds the candidate segments gitleaks' decoder finds with its one alternation of patterns — percent
/// (<c>%XX</c> up to the last <c>%XX</c> on the line), hex (32+ hex digits) and base64 (16+ chars of the standard
/// or URL-safe alphabet, up to two '=') — leftmost first, percent before hex before base64 at one start.
/// Most text holds none, so the search is built to skip it fast: runs of base64 chars are found 8 chars at a
/// (or 16) at a time with vector compares, and only a run of 16 or more is looked at again.
/// </summary>
internal static class EncodedSegments
{
    private const int MinBase64 = 16;
    private const int MinHex = 32;

    private static readonly SearchValues<char> Base64Chars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_/+-");
    private static readonly SearchValues<char> HexChars = SearchValues.Create("0123456789ABCDEFabcdef");

    /// <summary>The candidates in <paramref name="text"/>, in order; null when there are none.</summary>
    public static List<EncodedSegment>? Find(ReadOnlySpan<char> text)
    {
        List<EncodedSegment>? found = null;
        var percent = NextPercent(text, 0);
        for (var at = 0; at < text.Length;)
        {
            if (percent >= 0 && percent < at) percent = NextPercent(text, at);
            // A run cannot hold '%', so one that starts before the next percent segment also ends before it.
            var limit = percent < 0 ? text.Length : percent;
            var run = NextRun(text[at..limit]);
            EncodedSegment segment;
            if (run >= 0) segment = RunSegment(text, at + run);
            else if (percent >= 0) segment = new(percent, PercentEnd(text, percent), EncodingKind.Percent);
            else break;
            (found ??= []).Add(segment);
            at = segment.End;
        }
        return found is null ? null : WithoutOutranked(found);
    }

    /// <summary>Hex when the run starts with 32+ hex digits (hex comes first in the alternation), else base64.</summary>
    private static EncodedSegment RunSegment(ReadOnlySpan<char> text, int start)
    {
        // The finder saw 16 run chars from start; most runs (identifiers) end soon after.
        var end = start + MinBase64 + Length(text[(start + MinBase64)..], Base64Chars);
        if (end - start >= MinHex && Length(text[start..end], HexChars) is var hex and >= MinHex)
            return new(start, start + hex, EncodingKind.Hex);
        for (var pad = 0; pad < 2 && end < text.Length && text[end] == '='; pad++) end++;
        return new(start, end, EncodingKind.Base64);
    }

    private static int Length(ReadOnlySpan<char> text, SearchValues<char> chars)
    {
        var end = text.IndexOfAnyExcept(chars);
        return end < 0 ? text.Length : end;
    }

    private static bool IsPercentAt(ReadOnlySpan<char> text, int i) =>
        i + 2 < text.Length && text[i] == '%' && HexChars.Contains(text[i + 1]) && HexChars.Contains(text[i + 2]);

    private static int NextPercent(ReadOnlySpan<char> text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            var next = text[i..].IndexOf('%');
            if (next < 0) return -1;
            i += next;
            if (IsPercentAt(text, i)) return i;
        }
        return -1;
    }

    /// <summary><c>%XX(?:.*%XX)?</c>: greedy, so it ends after the line's last <c>%XX</c>.</summary>
    private static int PercentEnd(ReadOnlySpan<char> text, int start)
    {
        var lineEnd = text[start..].IndexOf('\n') is var n and >= 0 ? start + n : text.Length;
        for (var i = text[..lineEnd].LastIndexOf('%'); i > start; i = text[..i].LastIndexOf('%'))
            if (IsPercentAt(text[..lineEnd], i)) return i + 3;
        return start + 3;
    }

    /// <summary>Where the first run of at least 16 base64 chars starts, or -1.</summary>
    private static int NextRun(ReadOnlySpan<char> text)
    {
        var run = 0; // base64 chars ending right before position i
        var i = 0;
        ref var chars = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<char, ushort>(text));
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 16 <= text.Length; i += 16)
                if (Block(Vector256.ExtractMostSignificantBits(IsBase64(Vector256.LoadUnsafe(ref chars, (nuint)i))), 16, i, ref run) is var start and >= 0)
                    return start;
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 8 <= text.Length; i += 8)
                if (Block(Vector128.ExtractMostSignificantBits(IsBase64(Vector128.LoadUnsafe(ref chars, (nuint)i))), 8, i, ref run) is var start and >= 0)
                    return start;
        }
        for (; i < text.Length; i++)
        {
            run = Base64Chars.Contains(text[i]) ? run + 1 : 0;
            if (run == MinBase64) return i + 1 - run;
        }
        return -1;
    }

    /// <summary>
    /// One block of <paramref name="width"/> (at most 16) chars at <paramref name="i"/>, bit k set when char k is
    /// a base64 char: where a run of 16 starts if it completes here, else -1 with the run carried on updated.
    /// A block is no wider than 16, so such a run either fills the block or crosses its start.
    /// </summary>
    private static int Block(uint inRun, int width, int i, ref int run)
    {
        var full = (1u << width) - 1;
        if (inRun == full)
        {
            run += width;
            return run >= MinBase64 ? i + width - run : -1;
        }
        if (run + BitOperations.TrailingZeroCount(~inRun) >= MinBase64) return i - run;
        run = BitOperations.LeadingZeroCount((~inRun & full) << (32 - width)); // its last chars, starting one
        return -1;
    }

    // A-Z a-z 0-9 _ / + - as all-ones lanes: letters by folding case, then '+'..'9' less ',' and '.'.
    private static Vector256<ushort> IsBase64(Vector256<ushort> c) =>
        Vector256.LessThanOrEqual((c | Vector256.Create((ushort)0x20)) - Vector256.Create((ushort)'a'), Vector256.Create((ushort)25))
        | Vector256.LessThanOrEqual(c - Vector256.Create((ushort)'+'), Vector256.Create((ushort)('9' - '+')))
            & ~Vector256.Equals(c, Vector256.Create((ushort)',')) & ~Vector256.Equals(c, Vector256.Create((ushort)'.'))
        | Vector256.Equals(c, Vector256.Create((ushort)'_'));

    private static Vector128<ushort> IsBase64(Vector128<ushort> c) =>
        Vector128.LessThanOrEqual((c | Vector128.Create((ushort)0x20)) - Vector128.Create((ushort)'a'), Vector128.Create((ushort)25))
        | Vector128.LessThanOrEqual(c - Vector128.Create((ushort)'+'), Vector128.Create((ushort)('9' - '+')))
            & ~Vector128.Equals(c, Vector128.Create((ushort)',')) & ~Vector128.Equals(c, Vector128.Create((ushort)'.'))
        | Vector128.Equals(c, Vector128.Create((ushort)'_'));

    /// <summary>gitleaks drops a candidate that touches a neighbour of higher precedence, leaving it to a later pass.</summary>
    private static List<EncodedSegment> WithoutOutranked(List<EncodedSegment> all)
    {
        if (all.Count == 1) return all;
        var kept = new List<EncodedSegment>(all.Count);
        for (var i = 0; i < all.Count; i++)
        {
            var s = all[i];
            if (i > 0 && Outranks(all[i - 1], s) || i + 1 < all.Count && Outranks(all[i + 1], s)) continue;
            kept.Add(s);
        }
        return kept;
    }

    private static bool Outranks(EncodedSegment neighbour, EncodedSegment s) =>
        neighbour.Kind < s.Kind && neighbour.Touches(s.Start, s.End);
}
