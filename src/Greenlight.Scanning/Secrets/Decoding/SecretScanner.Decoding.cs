using Greenlight.Scanning.Secrets.Decoding;

namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Secrets hidden in encoded text, found as gitleaks finds them: each pass decodes the base64, hex and
/// percent-encoded segments of the previous one and scans the decoded lines with the same rules, allowlists
/// (against the decoded secret, match and line) and entropy thresholds, up to <see cref="SecretScanOptions.MaxDecodeDepth"/>
/// passes; only a match that touches text this pass decoded is new. A finding keeps its rule's id and is
/// placed at the encoded text in the file; the allow comments, baseline and .gitleaksignore then apply there.
/// </summary>
public sealed partial class SecretScanner
{
    private List<SecretHit> DecodedHits(string path, ReadOnlySpan<char> span, ref string? text)
    {
        var segments = Decodable(span, null);
        if (segments is null) return []; // the common case: nothing to decode, and the file never became a string
        text ??= new string(span);
        var fileLines = new LineIndex(text);
        var hits = new List<SecretHit>();
        DecodedLayer? layer = null;
        for (var depth = 1; segments is not null; depth++)
        {
            var current = layer = DecodedLayer.Build(layer?.Text ?? text, segments, layer);
            string? layerText = current.Text;
            var found = PatternHits(path, current.Text, ref layerText, current.TouchesDecoded);
            // Composite rules pair a match with companions of the same pass, as gitleaks does.
            hits.AddRange(CompositeRules.Apply(found).Select(h => InFile(h, current, fileLines)));
            segments = depth < _options.MaxDecodeDepth ? Decodable(current.Text, current) : null;
        }
        return hits;
    }

    /// <summary>The segments of <paramref name="text"/> that decode to text; past the first pass, only those
    /// touching what the last pass decoded (the rest were tried then).</summary>
    private static List<DecodedSegment>? Decodable(ReadOnlySpan<char> text, DecodedLayer? layer)
    {
        List<DecodedSegment>? decodable = null;
        foreach (var s in EncodedSegments.Find(text) ?? [])
        {
            if (layer is not null && !layer.TouchesDecoded(s.Start, s.End)) continue;
            if (SegmentDecoder.Decode(text[s.Start..s.End], s.Kind) is { Length: > 0 } decoded)
                (decodable ??= []).Add(new(s, decoded));
        }
        return decodable;
    }

    /// <summary>A hit in a decoded layer, moved to the file: at the encoded text, on the file's line, silenced by
    /// an allow comment on the file's lines (where gitleaks looks for gitleaks:allow too).</summary>
    private static SecretHit InFile(SecretHit hit, DecodedLayer layer, LineIndex lines)
    {
        var start = layer.ToFile(hit.Index, end: false);
        var end = layer.ToFile(hit.Index + hit.Secret.Length, end: true);
        var matchStart = layer.ToFile(hit.MatchStart, end: false);
        var matchEnd = layer.ToFile(hit.MatchEnd, end: true);
        var lineNo = lines.LineOf(start);
        var matchLineNo = lines.LineOf(matchStart);
        return hit with
        {
            Index = start,
            LineNo = lineNo,
            Column = start - lines.StartOf(lineNo),
            Line = lines.TextOf(lineNo),
            MatchLineNo = matchLineNo,
            Inline = SuppressionCounts.InlineIn(lines.TextOf(matchLineNo, lines.LineOf(Math.Max(matchEnd - 1, matchStart)))),
            MatchStart = matchStart,
            MatchEnd = matchEnd,
            Decoded = new(layer.Chain(hit.Index, hit.Index + hit.Secret.Length), end - start),
        };
    }
}
