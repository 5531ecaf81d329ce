using System.Text;

namespace Greenlight.Scanning.Text;

/// <summary>
/// How the checkers read text files: UTF-8 with or without a byte order mark, and UTF-16 or UTF-32 (either byte
/// order) with one. Windows PowerShell 5.1 writes <c>terraform show -json &gt; plan.json</c> as UTF-16LE with a
/// BOM; read as UTF-8, such a plan looks like nothing at all, and the gate would pass it unchecked.
/// </summary>
internal static class TextDecoding
{
    // Longest mark first: UTF-32LE's FF FE 00 00 starts with UTF-16LE's FF FE.
    private static readonly (byte[] Mark, Encoding Strict, string Name)[] Marks =
    [
        ([0xFF, 0xFE, 0x00, 0x00], new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), "UTF-32LE"),
        ([0x00, 0x00, 0xFE, 0xFF], new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), "UTF-32BE"),
        ([0xEF, 0xBB, 0xBF], new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), "UTF-8"),
        ([0xFF, 0xFE], new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), "UTF-16LE"),
        ([0xFE, 0xFF], new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), "UTF-16BE"),
    ];

    private static readonly Encoding StrictUtf8 = Marks[2].Strict;

    /// <summary>The encoding a byte order mark declares (throwing on invalid input) and the mark's length, or null without one.</summary>
    public static (Encoding Encoding, int MarkLength)? FromMark(ReadOnlySpan<byte> bytes)
    {
        foreach (var (mark, strict, _) in Marks)
        {
            if (bytes.StartsWith(mark)) return (strict, mark.Length);
        }
        return null;
    }

    /// <summary>The whole text, BOM removed.</summary>
    /// <exception cref="InvalidDataException">The bytes are not valid in their encoding; the message names the file, the encoding and the byte.</exception>
    public static string Decode(string file, ReadOnlySpan<byte> bytes)
    {
        var (encoding, skip) = FromMark(bytes) ?? (StrictUtf8, 0);
        try
        {
            return encoding.GetString(bytes[skip..]);
        }
        catch (DecoderFallbackException e)
        {
            var name = Marks.FirstOrDefault(m => m.Strict == encoding).Name;
            var at = e.Index >= 0 ? $" at byte {skip + e.Index}" : "";
            throw new InvalidDataException($"{file}: cannot decode as {name}{at}: the file is truncated or not text in the encoding its byte order mark declares (expected UTF-8, or UTF-16/UTF-32 with a byte order mark)", e);
        }
    }

    /// <summary>The text as UTF-8 without a BOM, for parsers that read bytes; UTF-8 input is returned as it is, unchecked.</summary>
    /// <exception cref="InvalidDataException">A UTF-16 or UTF-32 file is not valid in its encoding.</exception>
    public static ReadOnlyMemory<byte> ToUtf8(string file, byte[] bytes) => FromMark(bytes) switch
    {
        null => bytes,
        ({ CodePage: 65001 }, var skip) => bytes.AsMemory(skip),
        _ => Encoding.UTF8.GetBytes(Decode(file, bytes)),
    };

    /// <summary>Decodes without failing: what is invalid becomes U+FFFD. For guessing what a file was meant to be.</summary>
    public static string Lenient(ReadOnlySpan<byte> bytes)
    {
        var (encoding, skip) = LenientFor(bytes);
        return encoding.GetString(bytes[skip..]);
    }

    /// <summary>The encoding the mark declares (UTF-8 without one), replacing what is invalid with U+FFFD, and the mark's length.</summary>
    public static (Encoding Encoding, int MarkLength) LenientFor(ReadOnlySpan<byte> bytes) =>
        FromMark(bytes) is var (strict, skip) ? (Encoding.GetEncoding(strict.CodePage), skip) : (Encoding.UTF8, 0);
}
