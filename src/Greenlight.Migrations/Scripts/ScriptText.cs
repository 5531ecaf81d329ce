using System.Buffers;
using System.Text;

namespace Greenlight.Migrations.Scripts;

/// <summary>
/// Reads a script as Flyway does, as strict UTF-8: a file in another encoding would otherwise be applied with its
/// characters silently replaced. Only the first byte order mark is dropped, as Flyway's checksum drops only that one.
/// </summary>
internal static class ScriptText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text with its first BOM kept (the checksum strips it), or the reason the file is not UTF-8.</summary>
    public static string Read(string path, string script, out string? problem)
    {
        var bytes = File.ReadAllBytes(path);
        problem = Problem(bytes) is { } found ? $"{script}: {found}; Flyway and Greenlight read scripts as UTF-8: save the file as UTF-8" : null;
        return problem is null ? Strict.GetString(bytes) : "";
    }

    public static string WithoutBom(string text) => text.StartsWith('\uFEFF') ? text[1..] : text;

    private static string? Problem(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            return "starts with a UTF-16 or UTF-32 byte order mark (line 1, byte offset 0)";
        }
        // UTF-16 and UTF-32 text without a BOM is valid UTF-8 byte by byte, but full of NULs no SQL script holds.
        if (bytes.IndexOf((byte)0) is var nul and >= 0)
        {
            return $"a NUL byte at line {LineAt(bytes, nul)}, byte offset {nul} (a UTF-16 or UTF-32 file?)";
        }
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }
        for (var offset = 0; offset < bytes.Length;)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return $"not valid UTF-8 at line {LineAt(bytes, offset)}, byte offset {offset} (byte 0x{bytes[offset]:X2})";
            }
            offset += consumed;
        }
        return null;
    }

    private static int LineAt(ReadOnlySpan<byte> bytes, int offset) => bytes[..offset].Count((byte)'\n') + 1;
}
