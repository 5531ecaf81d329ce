using System.Collections.Concurrent;

namespace Greenlight.Scanning.Trees;

/// <summary>
/// What a scan of a tree did not read. Special files (FIFOs, sockets, devices) are passed over: opening a FIFO
/// blocks until a writer comes. Files and folders that could not be read leave the scan incomplete, and a gate
/// must then fail, naming them: what it cannot read it cannot vouch for.
/// </summary>
public sealed class TreeGaps
{
    // .NET on Linux takes a shared flock to read, and says EWOULDBLOCK (its HResult) when another process holds
    // an exclusive one, such as a running controller's controller.lock.
    private const int LockedByAnotherProcess = 11;

    private readonly ConcurrentQueue<SkippedFile> _skipped = new();
    private readonly ConcurrentQueue<SkippedFile> _unreadable = new();

    public IReadOnlyList<SkippedFile> Skipped => Sorted(_skipped);

    public IReadOnlyList<SkippedFile> Unreadable => Sorted(_unreadable);

    internal void Skip(string path, string reason) => _skipped.Enqueue(new(path, reason));

    internal void CannotRead(string path, Exception error) => _unreadable.Enqueue(new(path, error switch
    {
        UnauthorizedAccessException => "cannot be read: permission denied",
        IOException { HResult: LockedByAnotherProcess } => "cannot be read: locked by another process",
        _ => $"cannot be read: {error.Message}",
    }));

    /// <summary>For callers that take no gaps of their own: what could not be read fails the scan.</summary>
    internal void ThrowIfIncomplete()
    {
        if (Unreadable is [var first, ..] all)
            throw new IOException($"the scan is incomplete: {first}" + (all.Count > 1 ? $" (and {all.Count - 1} more)" : ""));
    }

    /// <summary>Reads with <paramref name="read"/>, recording the file as unreadable when it cannot be read.</summary>
    internal bool TryRead<T>(string path, Func<T> read, out T? value)
    {
        try
        {
            value = read();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CannotRead(path, e);
            value = default;
            return false;
        }
    }

    private static List<SkippedFile> Sorted(IEnumerable<SkippedFile> files) => files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
}
