using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Greenlight.Engine.State;

internal sealed partial class SqliteStateStore
{
    /// <summary>One per database file, shared by every store of this process on it (each lane opens its own).</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Writers = new(StringComparer.Ordinal);

    /// <summary>The writes waiting for each file's writer, by its semaphore.</summary>
    private static readonly ConditionalWeakTable<SemaphoreSlim, GroupCommit> Queues = [];

    private static SemaphoreSlim WriterOf(string path) => Writers.GetOrAdd(Path.GetFullPath(path), _ => new SemaphoreSlim(1, 1));

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction, one writer of this process at a time, queued asynchronously, and
    /// returns once it is committed. SQLite admits one writer per file and makes every other one sleep in its busy handler,
    /// in steps of up to 100 ms, each holding a pool thread: with dozens of releases writing at once, that alone cost each
    /// step a tenth of a second. Here the writes queue and share commits (<see cref="GroupCommit"/>), the drain holding the
    /// file's writer, shared with the audit chain's appends, which hold it across their own transaction. Other processes
    /// sharing the file (a CLI command) are still handled by SQLite's busy timeout.
    /// </summary>
    protected override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write) =>
        Queues.GetValue(_writer, _ => new GroupCommit(drain => ExclusiveAsync(async () => { await drain(); return true; }), TransactAsync)).WriteAsync(write);

    private async Task TransactAsync(Func<DbConnection, DbTransaction, Task> batch)
    {
        await using var db = Open();
        await using var tx = await db.BeginTransactionAsync();
        await batch(db, tx);
        await tx.CommitAsync();
    }

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
