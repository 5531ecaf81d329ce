using System.Collections.Concurrent;
using System.Data.Common;

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
    /// (a CLI command) are still handled by SQLite's busy timeout.
    /// </summary>
    protected override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write) => ExclusiveAsync(async () =>
    {
        await using var db = Open();
        await using var tx = await db.BeginTransactionAsync();
        var result = await write(db, tx);
        await tx.CommitAsync();
        return result;
    });

    /// <summary>Runs <paramref name="write"/> as the file's only writer of this process.</summary>
    private async Task<T> ExclusiveAsync<T>(Func<Task<T>> write)
    {
        await _writer.WaitAsync();
        try
        {
            return await write();
        }
        finally
        {
            _writer.Release();
        }
    }
}
