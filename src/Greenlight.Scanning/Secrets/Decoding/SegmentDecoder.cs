using System.Buffers;

namespace Greenlight.Scanning.Secrets.Decoding;

/// <summary>
/// Decodes a candidate segment as gitleaks does: only to printable ASCII (tab to '~'), as text that can hold a
/// secret; anything else (an image, a hash, a random id) is not decoded at all. Bytes are checked as they are
/// decoded, so the many candidates that are not encoded text cost a few chars each.
/// </summary>
internal static class SegmentDecoder
{
    // Hex-encoded printable text always holds a digit (every byte's high nibble is 0-7), so gitleaks' skip of hex
    // candidates without one loses nothing. Its like skip of base64 candidates without a digit, '+', '/', '-' or
    // '_' is not made: it would miss about 1 in 10 base64-encoded AWS key ids (upper-case text encodes to few of
    // them), and a candidate that is not encoded text is refused within its first few chars anyway.
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    private static readonly sbyte[] Standard = Alphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
    private static readonly sbyte[] UrlSafe = Alphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>The decoded text, or null when it is not printable text.</summary>
    public static string? Decode(ReadOnlySpan<char> encoded, EncodingKind kind) => kind switch
    {
        EncodingKind.Percent => Percent(encoded),
        EncodingKind.Hex => encoded.Length % 2 == 0 && encoded.ContainsAny(Digits) ? Hex(encoded) : null,
        _ => Base64(encoded, Standard, padded: true) ?? Base64(encoded, UrlSafe, padded: false),
    };

    // Most candidates are rejected within a few chars: the buffer for them is not worth a heap allocation.
    private const int StackChars = 256;

    private static bool Printable(int b) => b is > 8 and < 127;

    private static string? Hex(ReadOnlySpan<char> encoded)
    {
        Span<char> text = encoded.Length / 2 <= StackChars ? stackalloc char[encoded.Length / 2] : new char[encoded.Length / 2];
        for (var i = 0; i < text.Length; i++)
        {
            var b = Nibble(encoded[2 * i]) << 4 | Nibble(encoded[2 * i + 1]);
            if (!Printable(b)) return null;
            text[i] = (char)b;
        }
        return new string(text);
    }

    private static int Nibble(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; // the finder let through hex digits only

    /// <summary>Every <c>%XX</c> decoded, other chars kept; gitleaks refuses the whole segment for one unprintable byte.</summary>
    private static string? Percent(ReadOnlySpan<char> encoded)
    {
        Span<char> text = encoded.Length <= StackChars ? stackalloc char[encoded.Length] : new char[encoded.Length];
        var n = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%' && i + 2 < encoded.Length && char.IsAsciiHexDigit(encoded[i + 1]) && char.IsAsciiHexDigit(encoded[i + 2]))
            {
                var b = Nibble(encoded[i + 1]) << 4 | Nibble(encoded[i + 2]);
                if (!Printable(b)) return null;
                text[n++] = (char)b;
                i += 2;
            }
            else text[n++] = encoded[i];
        }
        return new string(text[..n]);
    }

    /// <summary>Go's StdEncoding (length a multiple of 4, '=' padding) or RawURLEncoding (no padding).</summary>
    private static string? Base64(ReadOnlySpan<char> encoded, sbyte[] alphabet, bool padded)
    {
        var body = padded ? encoded.TrimEnd('=') : encoded;
        if (padded ? encoded.Length % 4 != 0 || encoded.Length - body.Length > 2 : body.Length % 4 == 1) return null;
        var size = body.Length * 3 / 4;
        Span<char> text = size <= StackChars ? stackalloc char[size] : new char[size];
        var n = 0;
        int bits = 0, count = 0;
        foreach (var c in body)
        {
            var v = c < 128 ? alphabet[c] : -1;
            if (v < 0) return null;
            bits = (bits << 6 | v) & 0xFFFF; // 8 decoded bits and up to 6 pending fit
            count += 6;
            if (count < 8) continue;
            count -= 8;
            var b = bits >> count & 0xFF;
            if (!Printable(b)) return null;
            text[n++] = (char)b;
        }
        return n == 0 ? null : new string(text[..n]);
    }

    private static sbyte[] Alphabet(string chars)
    {
        var table = Enumerable.Repeat((sbyte)-1, 128).ToArray();
        for (var i = 0; i < chars.Length; i++) table[chars[i]] = (sbyte)i;
        return table;
    }
}
