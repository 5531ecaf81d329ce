using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

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
    /// the file (a CLI command) are still handled by SQLite's busy timeout. Not cancellable, as the writes were before:
    /// what a stopping controller records on its way out must still be written, and the wait is for commits of a millisecond.
    /// </summary>
    private Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write)
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
            await _writer.WaitAsync(); // shared with the audit chain's writes, which hold it across their own transaction
            try
            {
                while (!queue.Writes.IsEmpty)
                    CommitQueued(queue.Writes);
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
    private void CommitQueued(ConcurrentQueue<IPendingWrite> queue)
    {
        var batch = new List<IPendingWrite>();
        while (batch.Count < MaxBatch && queue.TryDequeue(out var next))
            batch.Add(next);
        var written = new List<IPendingWrite>(batch.Count);
        try
        {
            using var db = Open();
            using var tx = db.BeginTransaction();
            foreach (var write in batch)
            {
                if (batch.Count == 1)
                    write.Run(db, tx); // alone: its failure undoes the transaction, as before batches
                else if (!RunInSavepoint(write, tx))
                    continue;
                written.Add(write);
            }
            tx.Commit();
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

    private static bool RunInSavepoint(IPendingWrite write, SqliteTransaction tx)
    {
        tx.Save("write");
        try
        {
            write.Run(tx.Connection!, tx);
        }
        catch (Exception e)
        {
            tx.Rollback("write");
            tx.Release("write");
            write.Fail(e);
            return false;
        }
        tx.Release("write");
        return true;
    }

    private Task WriteAsync(Action<SqliteConnection, SqliteTransaction> write) => WriteAsync((db, tx) => { write(db, tx); return true; });

    private sealed class WriteQueue
    {
        public readonly ConcurrentQueue<IPendingWrite> Writes = new();
        public int Draining;
    }

    private interface IPendingWrite
    {
        void Run(SqliteConnection db, SqliteTransaction tx);

        void Committed();

        void Fail(Exception e);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, SqliteTransaction, T> write) : IPendingWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Done => _done.Task;

        public void Run(SqliteConnection db, SqliteTransaction tx) => _result = write(db, tx);

        public void Committed() => _done.TrySetResult(_result);

        public void Fail(Exception e) => _done.TrySetException(e);
    }
}
