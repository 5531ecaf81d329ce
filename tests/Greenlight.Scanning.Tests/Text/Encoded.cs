using System.Text;

namespace Greenlight.Scanning.Tests.Text;

/// <summary>Files as Windows tools write them: text in a Unicode encoding, led by its byte order mark.</summary>
internal static class Encoded
{
    public static TheoryData<string> Names => ["utf-8", "utf-16LE", "utf-16BE", "utf-32LE", "utf-32BE"];

    public static Encoding Of(string name) => name switch
    {
        "utf-8" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        "utf-16LE" => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
        "utf-16BE" => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
        "utf-32LE" => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
        "utf-32BE" => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static byte[] Bytes(string text, string encoding)
    {
        var e = Of(encoding);
        return [.. e.GetPreamble(), .. e.GetBytes(text)];
    }

    public static string Write(TempTree tree, string relative, string text, string encoding)
    {
        var path = tree.Write(relative, "");
        File.WriteAllBytes(path, Bytes(text, encoding));
        return path;
    }
}
