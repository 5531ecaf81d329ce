using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Greenlight.Engine.State;

internal sealed partial class SqliteStateStore
{
    /// <summary>One per database file, shared by every store of this process on it (each lane opens its own).</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Writers = new(StringComparer.Ordinal);

    private static SemaphoreSlim WriterOf(string path) => Writers.GetOrAdd(Path.GetFullPath(path), _ => new SemaphoreSlim(1, 1));

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction, one writer of this process at a time, queued asynchronously.
    /// SQLite admits one writer per file and makes every other one sleep in its busy handler, in steps of up to 100 ms,
    /// each holding a pool thread: with dozens of releases writing at once, that alone cost each step a tenth of a
    /// second. Waiting here wakes the next writer the moment the previous commits. Other processes sharing the file
    /// (a CLI command) are still handled by SQLite's busy timeout. Not cancellable, as the writes were before: what a
    /// stopping controller records on its way out must still be written, and the wait is for commits of a millisecond.
    /// </summary>
    private Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write) => ExclusiveAsync(() =>
    {
        using var db = Open();
        using var tx = db.BeginTransaction();
        var result = write(db, tx);
        tx.Commit();
        return result;
    });

    /// <summary>Runs <paramref name="write"/> as the file's only writer of this process.</summary>
    private async Task<T> ExclusiveAsync<T>(Func<T> write)
    {
        await _writer.WaitAsync();
        try
        {
            return write();
        }
        finally
        {
            _writer.Release();
        }
    }

    private Task ExclusiveAsync(Action write) => ExclusiveAsync(() => { write(); return true; });

    private Task WriteAsync(Action<SqliteConnection, SqliteTransaction> write) => WriteAsync((db, tx) => { write(db, tx); return true; });
}
