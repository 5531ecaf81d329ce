using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Greenlight.Engine.State;

internal sealed partial class SqliteStateStore
{
    /// <summary>One per database file, shared by every store of this process on it (each lane opens its own).</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Writers = new(StringComparer.Ordinal);

    /// <summary>The writes waiting for each file's writer, by its semaphore.</summary>
    private static readonly ConditionalWeakTable<SemaphoreSlim, WriteQueue> Queues = [];

    /// <summary>At most this many writes share a commit: the first of a long queue does not wait for the last.</summary>
    private const int MaxBatch = 256;

    private static SemaphoreSlim WriterOf(string path) => Writers.GetOrAdd(Path.GetFullPath(path), _ => new SemaphoreSlim(1, 1));

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction, one writer of this process at a time, queued asynchronously, and
    /// returns once it is committed. SQLite admits one writer per file and makes every other one sleep in its busy handler,
    /// in steps of up to 100 ms, each holding a pool thread: with dozens of releases writing at once, that alone cost each
    /// step a tenth of a second. Here the writes queue and one drain at a time commits them: those that queued meanwhile
    /// (a thousand rollouts each storing a transition) share one transaction, each in a savepoint of its own, so that one
    /// that fails is undone alone and fails alone, and none returns before their common commit. Other processes sharing
    /// the file (a CLI command) are still handled by SQLite's busy timeout.
    /// </summary>
    protected override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write)
    {
        var pending = new PendingWrite<T>(write);
        var queue = Queues.GetValue(_writer, _ => new WriteQueue());
        queue.Writes.Enqueue(pending);
        if (Interlocked.CompareExchange(ref queue.Draining, 1, 0) == 0)
            _ = Task.Run(() => DrainAsync(queue));
        return pending.Done;
    }

    /// <summary>Commits batches as the file's writer until the queue is empty; then the next write starts a drain again.</summary>
    private async Task DrainAsync(WriteQueue queue)
    {
        do
        {
            await _writer.WaitAsync(); // shared with the audit chain's appends, which hold it across their own transaction
            try
            {
                while (!queue.Writes.IsEmpty)
                    await CommitQueuedAsync(queue.Writes);
            }
            finally
            {
                _writer.Release();
            }
            Volatile.Write(ref queue.Draining, 0);
            // A write queued after the last look but before the flag fell found a drain running: it is taken now.
        }
        while (!queue.Writes.IsEmpty && Interlocked.CompareExchange(ref queue.Draining, 1, 0) == 0);
    }

    /// <summary>Commits what the queue holds (up to <see cref="MaxBatch"/> writes) in one transaction. Called as the file's writer.</summary>
    private async Task CommitQueuedAsync(ConcurrentQueue<IPendingWrite> queue)
    {
        var batch = new List<IPendingWrite>();
        while (batch.Count < MaxBatch && queue.TryDequeue(out var next))
            batch.Add(next);
        var written = new List<IPendingWrite>(batch.Count);
        try
        {
            await using var db = Open();
            await using var tx = await db.BeginTransactionAsync();
            foreach (var write in batch)
            {
                if (batch.Count == 1)
                    await write.RunAsync(db, tx); // alone: its failure undoes the transaction, as before batches
                else if (!await RunInSavepointAsync(write, db, tx))
                    continue;
                written.Add(write);
            }
            await tx.CommitAsync();
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

    private sealed class WriteQueue
    {
        public readonly ConcurrentQueue<IPendingWrite> Writes = new();
        public int Draining;
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
