using System.Text;

namespace Greenlight.Scanning.Secrets.Decoding;

/// <summary>
/// One decoding pass: the lines of the text below (the file, or the previous pass) that hold decodable segments,
/// each segment replaced by its decoded text, so that a rule sees a decoded secret with the context around it
/// (<c>password=</c> + decoded value) as gitleaks does. Only these lines are kept, not the whole file: a pass
/// costs as much as the encoded text, not the file. Positions map back down to the file, where a decoded secret
/// is reported at the encoded span that holds it.
/// </summary>
internal sealed class DecodedLayer
{
    /// <summary>A stretch of <see cref="Text"/>: copied from below (char for char), or the decoding of below's span.</summary>
    private readonly record struct Piece(int Start, int End, int BelowStart, int BelowEnd, EncodingKind? Decoded);

    private readonly DecodedLayer? _below;
    private readonly List<Piece> _pieces;

    private DecodedLayer(string text, List<Piece> pieces, DecodedLayer? below)
    {
        Text = text;
        _pieces = pieces;
        _below = below;
    }

    public string Text { get; }

    /// <param name="below">The text the segments were found in: the file's, or <paramref name="layer"/>'s.</param>
    /// <param name="segments">In order, not overlapping.</param>
    public static DecodedLayer Build(string below, IReadOnlyList<DecodedSegment> segments, DecodedLayer? layer)
    {
        var text = new StringBuilder();
        var pieces = new List<Piece>();
        void Copy(int from, int to)
        {
            if (to > from) pieces.Add(new(text.Length, text.Length + to - from, from, to, null));
            text.Append(below, from, to - from);
        }
        for (var k = 0; k < segments.Count;)
        {
            var lineStart = below.LastIndexOf('\n', Math.Max(segments[k].Encoded.Start - 1, 0)) + 1;
            if (text.Length > 0) Copy(lineStart - 1, lineStart); // the '\n' between two windows
            var lineEnd = below.IndexOf('\n', segments[k].Encoded.End) is var n and >= 0 ? n : below.Length;
            var at = lineStart;
            // No segment spans a line break, so those starting on this window's last line end in it.
            for (; k < segments.Count && segments[k].Encoded.Start < lineEnd; k++)
            {
                var (encoded, decoded) = (segments[k].Encoded, segments[k].Text);
                Copy(at, encoded.Start);
                pieces.Add(new(text.Length, text.Length + decoded.Length, encoded.Start, encoded.End, encoded.Kind));
                text.Append(decoded);
                at = encoded.End;
            }
            Copy(at, lineEnd);
        }
        return new(text.ToString(), pieces, layer);
    }

    /// <summary>Whether <c>[start, end)</c> touches text this pass decoded: only such a match is new here.</summary>
    public bool TouchesDecoded(int start, int end) => Touching(start, end).Any();

    /// <summary>The decoded pieces that <c>[start, end)</c> overlaps or merely touches (as gitleaks counts it).</summary>
    private IEnumerable<Piece> Touching(int start, int end)
    {
        for (var i = IndexAt(Math.Max(start - 1, 0)); i < _pieces.Count && _pieces[i].Start <= end; i++)
            if (_pieces[i].Decoded is not null && start <= _pieces[i].End)
                yield return _pieces[i];
    }

    /// <summary>
    /// Where a position of <see cref="Text"/> lies in the file. Inside decoded text it maps to the start
    /// (<paramref name="end"/>: the end) of the encoded span, through every pass down to the file.
    /// </summary>
    public int ToFile(int position, bool end)
    {
        var below = ToBelow(position, end);
        return _below is null ? below : _below.ToFile(below, end);
    }

    private int ToBelow(int position, bool end)
    {
        var p = _pieces[IndexAt(end ? Math.Max(position - 1, 0) : position)];
        if (p.Decoded is not null) return end ? p.BelowEnd : p.BelowStart;
        return p.BelowStart + position - p.Start;
    }

    private int IndexAt(int position)
    {
        int lo = 0, hi = _pieces.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_pieces[mid].Start <= position) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    /// <summary>
    /// The encodings undone to reveal <c>[start, end)</c>, outermost (the file's) first, one entry a pass, e.g.
    /// ["base64", "percent"]; two kinds decoded side by side in one pass read "hex+percent".
    /// </summary>
    public List<string> Chain(int start, int end)
    {
        var chain = _below?.Chain(ToBelow(start, false), ToBelow(end, true)) ?? [];
        var kinds = Touching(start, end).Select(p => p.Decoded!.Value).Distinct().Order().Select(k => k.ToString().ToLowerInvariant());
        if (string.Join('+', kinds) is { Length: > 0 } here) chain.Add(here);
        return chain;
    }
}
