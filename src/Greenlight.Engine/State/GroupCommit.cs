using System.Collections.Concurrent;
using System.Data.Common;

namespace Greenlight.Engine.State;

/// <summary>
/// Writes queued and committed together: one drain at a time commits what queued meanwhile (a thousand rollouts each
/// storing a transition) in one transaction, each write in a savepoint of its own, so that one that fails is undone
/// alone and fails alone, and none returns before their common commit. A write is still stored before its caller goes
/// on (a transition before its effects). Used by both stores: SQLite admits one writer per file, and on PostgreSQL
/// every transaction pays round trips (begin, fence, the append lock, commit) that a batch pays once.
/// </summary>
/// <param name="drain">Runs one drain (its batches, one after the other): under the file's writer lock on SQLite.</param>
/// <param name="transact">Runs one batch in a transaction of its own and commits it (on PostgreSQL, fenced first).</param>
internal sealed class GroupCommit(Func<Func<Task>, Task> drain, Func<Func<DbConnection, DbTransaction, Task>, Task> transact)
{
    /// <summary>At most this many writes share a commit: the first of a long queue does not wait for the last.</summary>
    private const int MaxBatch = 256;

    private readonly ConcurrentQueue<IPendingWrite> _writes = new();
    private int _draining;

    /// <summary>Queues <paramref name="write"/> and returns once it is committed, or with its own error or the batch's.</summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write)
    {
        var pending = new PendingWrite<T>(write);
        _writes.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
            _ = Task.Run(DrainAsync);
        return pending.Done;
    }

    /// <summary>Commits batches until the queue is empty; then the next write starts a drain again.</summary>
    private async Task DrainAsync()
    {
        do
        {
            await drain(async () =>
            {
                while (!_writes.IsEmpty)
                    await CommitQueuedAsync();
            });
            Volatile.Write(ref _draining, 0);
            // A write queued after the last look but before the flag fell found a drain running: it is taken now.
        }
        while (!_writes.IsEmpty && Interlocked.CompareExchange(ref _draining, 1, 0) == 0);
    }

    /// <summary>Commits what the queue holds (up to <see cref="MaxBatch"/> writes) in one transaction.</summary>
    private async Task CommitQueuedAsync()
    {
        var batch = new List<IPendingWrite>();
        while (batch.Count < MaxBatch && _writes.TryDequeue(out var next))
            batch.Add(next);
        var written = new List<IPendingWrite>(batch.Count);
        try
        {
            await transact(async (db, tx) =>
            {
                foreach (var write in batch)
                {
                    if (batch.Count == 1)
                        await write.RunAsync(db, tx); // alone: its failure undoes the transaction, as before batches
                    else if (!await RunInSavepointAsync(write, db, tx))
                        continue;
                    written.Add(write);
                }
            });
        }
        catch (Exception e)
        {
            // Nothing of the batch was committed (those that failed alone already carry their own error).
            foreach (var write in batch)
                write.Fail(e);
            return;
        }
        foreach (var write in written)
            write.Committed();
    }

    private static async Task<bool> RunInSavepointAsync(IPendingWrite write, DbConnection db, DbTransaction tx)
    {
        await tx.SaveAsync("write");
        try
        {
            await write.RunAsync(db, tx);
        }
        catch (Exception e)
        {
            await tx.RollbackAsync("write");
            await tx.ReleaseAsync("write");
            write.Fail(e);
            return false;
        }
        await tx.ReleaseAsync("write");
        return true;
    }

    private interface IPendingWrite
    {
        Task RunAsync(DbConnection db, DbTransaction tx);

        void Committed();

        void Fail(Exception e);
    }

    private sealed class PendingWrite<T>(Func<DbConnection, DbTransaction, Task<T>> write) : IPendingWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Done => _done.Task;

        public async Task RunAsync(DbConnection db, DbTransaction tx) => _result = await write(db, tx);

        public void Committed() => _done.TrySetResult(_result);

        public void Fail(Exception e) => _done.TrySetException(e);
    }
}
