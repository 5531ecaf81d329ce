namespace Greenlight.Scanning.Secrets.Decoding;

/// <summary>The encodings the decoder undoes, highest precedence first (gitleaks' order): when two candidate
/// segments touch, the lower one waits for the next pass, by which time the higher one is decoded.</summary>
internal enum EncodingKind { Percent, Hex, Base64 }

/// <summary>A candidate for decoding: <c>[Start, End)</c> of the text it was found in.</summary>
internal readonly record struct EncodedSegment(int Start, int End, EncodingKind Kind)
{
    /// <summary>As gitleaks counts it, segments that merely touch overlap.</summary>
    public bool Touches(int start, int end) => start <= End && end >= Start;
}

/// <summary>A segment whose decoding is printable text, which the next pass scans in its place.</summary>
internal sealed record DecodedSegment(EncodedSegment Encoded, string Text);
