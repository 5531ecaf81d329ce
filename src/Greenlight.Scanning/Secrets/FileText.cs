using System.Buffers;
using System.Text;
using Greenlight.Scanning.Text;

namespace Greenlight.Scanning.Secrets;

/// <summary>
/// A file's text decoded into a pooled buffer. Scanning a tree reads thousands of files of up to 2 MB; fresh
/// arrays of that size live on the large object heap, and every few of them forced a full, blocking collection.
/// </summary>
internal sealed class FileText : IDisposable
{
    private const int SniffBytes = 8000; // same heuristic as git: a NUL in the first 8000 bytes means binary

    private char[]? _chars;
    private readonly int _length;

    private FileText(char[] chars, int length) => (_chars, _length) = (chars, length);

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, _length);

    /// <summary>The file's text (UTF-8, or UTF-16/32 with a byte order mark), or null when it is binary.</summary>
    public static FileText? Read(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
        var bytes = ArrayPool<byte>.Shared.Rent((int)Math.Min(RandomAccess.GetLength(handle), Array.MaxLength));
        try
        {
            var length = 0;
            for (int n; length < bytes.Length && (n = RandomAccess.Read(handle, bytes.AsSpan(length), length)) > 0;) length += n;
            var content = bytes.AsSpan(0, length);
            // UTF-16 and UTF-32 text is full of NULs: its byte order mark, not the sniff, says it is text.
            var (encoding, mark) = TextDecoding.LenientFor(content);
            if (mark == 0 && content[..Math.Min(length, SniffBytes)].Contains((byte)0)) return null;
            var chars = ArrayPool<char>.Shared.Rent(encoding.GetMaxCharCount(length));
            return new FileText(chars, encoding.GetChars(content[mark..], chars));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public void Dispose()
    {
        if (_chars is not null) ArrayPool<char>.Shared.Return(_chars);
        _chars = null;
    }
}
