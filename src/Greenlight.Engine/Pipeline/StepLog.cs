using Greenlight.Core.Secrets;

namespace Greenlight.Engine.Pipeline;

/// <summary>
/// The full output of one step, in its own file, flushed line by line so that it can be followed while the step
/// runs. Output arrives from stdout and stderr at once, hence the lock.
/// </summary>
internal sealed class StepLog : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();
    private bool _closed;

    public StepLog(string path)
    {
        OwnerOnly.CreateDirectory(Path.GetDirectoryName(path)!);
        _writer = new StreamWriter(OwnerOnly.Open(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    /// <summary>False once the step's result is recorded: a step left behind at its timeout may still write,
    /// and its late lines belong to no log.</summary>
    public bool Write(string line)
    {
        lock (_lock)
        {
            if (!_closed)
                _writer.WriteLine(line);
            return !_closed;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _closed = true;
            _writer.Dispose();
        }
    }

    /// <summary>The log from <paramref name="offset"/> on, and where the next read starts.</summary>
    public static (string Text, long Next) Read(string path, long offset)
    {
        if (!File.Exists(path))
            return ("", offset);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (offset >= stream.Length)
            return ("", offset);
        stream.Position = offset;
        var bytes = new byte[Math.Min(stream.Length - offset, 1 << 20)];
        stream.ReadExactly(bytes);
        // Only whole lines: a reader must never see half a UTF-8 character or half a line.
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (end == 0 && bytes.Length == 1 << 20)
            end = bytes.Length; // a single line longer than a read: give it in pieces rather than never
        return (System.Text.Encoding.UTF8.GetString(bytes, 0, end), offset + end);
    }
}
