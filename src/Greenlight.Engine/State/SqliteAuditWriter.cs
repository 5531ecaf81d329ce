using System.Collections.Concurrent;
using Greenlight.Core.Audit;
using Greenlight.Engine.Audit;
using Microsoft.Data.Sqlite;

namespace Greenlight.Engine.State;

/// <summary>
/// The audit appends of one database file: a connection held open with its statements prepared, and the file's
/// <see cref="AuditChain"/>. Used only under the file's writer queue. Each append runs in an immediate transaction
/// (BEGIN IMMEDIATE: SQLite's write lock), so another process appending meanwhile (a CLI command) waits or is seen.
/// </summary>
internal sealed class SqliteAuditWriter(string connectionString)
{
    private static readonly ConcurrentDictionary<string, SqliteAuditWriter> Writers = new(StringComparer.Ordinal);

    private readonly AuditChain _chain = new(CheckpointPolicy.Default);
    private SqliteConnection? _db;
    private SqliteCommand? _max, _entry, _checkpoint, _insert, _insertCheckpoint;

    public static SqliteAuditWriter Of(string path, string connectionString) =>
        Writers.GetOrAdd(Path.GetFullPath(path), _ => new SqliteAuditWriter(connectionString));

    public Task<bool> AppendAsync(AuditRecord record, TimeProvider time, AuditKey key) =>
        WriteAsync(tx => _chain.AppendAsync(tx, record, time, key, CancellationToken.None));

    /// <summary>Signs the head if no checkpoint covers it yet; true when it did.</summary>
    public Task<bool> SignAsync(TimeProvider time, AuditKey key) =>
        WriteAsync(tx => _chain.SignAsync(tx, time, key, CancellationToken.None));

    private async Task<bool> WriteAsync(Func<IAuditTransaction, Task<bool>> write)
    {
        try
        {
            var db = Connection();
            using var tx = db.BeginTransaction(deferred: false);
            return await write(new Transaction(this, tx));
        }
        catch
        {
            // Whatever failed (the file busy past its timeout, a full disk), the next append starts afresh.
            _db?.Dispose();
            _db = null;
            throw;
        }
    }

    /// <summary>Synchronous underneath: Microsoft.Data.Sqlite has no real asynchronous I/O.</summary>
    private sealed class Transaction(SqliteAuditWriter writer, SqliteTransaction tx) : IAuditTransaction
    {
        public ValueTask<long> LastSeqAsync(CancellationToken ct) => ValueTask.FromResult(Scalar(writer._max!) is long seq ? seq : 0);

        public ValueTask<string> EntryAsync(long seq, CancellationToken ct) => ValueTask.FromResult((string)Scalar(writer._entry!, seq)!);

        public ValueTask<string?> LastCheckpointAsync(CancellationToken ct) => ValueTask.FromResult(Scalar(writer._checkpoint!) as string);

        public ValueTask InsertEntryAsync(AuditEntry entry, string line, CancellationToken ct) =>
            Run(writer._insert!, entry.Seq, AuditEntry.FormatTime(entry.Time), line);

        public ValueTask InsertCheckpointAsync(Checkpoint checkpoint, CancellationToken ct) =>
            Run(writer._insertCheckpoint!, checkpoint.Seq, checkpoint.ToJson());

        public ValueTask CommitAsync(CancellationToken ct)
        {
            tx.Commit();
            return ValueTask.CompletedTask;
        }

        private ValueTask Run(SqliteCommand command, params object[] values)
        {
            Scalar(command, values);
            return ValueTask.CompletedTask;
        }

        private object? Scalar(SqliteCommand command, params object[] values)
        {
            command.Transaction = tx;
            for (var i = 0; i < values.Length; i++)
                command.Parameters[i].Value = values[i];
            return command.ExecuteScalar();
        }
    }

    private SqliteConnection Connection()
    {
        if (_db is not null)
            return _db;
        var db = new SqliteConnection(connectionString);
        db.Open();
        using (var pragmas = db.CreateCommand())
        {
            // The store's own settings (SqliteStateStore.Open): the same durability as every other record.
            pragmas.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";
            pragmas.ExecuteNonQuery();
        }
        _max = Prepare(db, AuditStatements.LastSeq);
        _entry = Prepare(db, AuditStatements.Entry);
        _checkpoint = Prepare(db, AuditStatements.LastCheckpoint);
        _insert = Prepare(db, AuditStatements.InsertEntry);
        _insertCheckpoint = Prepare(db, AuditStatements.InsertCheckpoint);
        return _db = db;
    }

    private static SqliteCommand Prepare(SqliteConnection db, string sql)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        for (var i = 1; i <= sql.Count(c => c == '$'); i++)
            command.Parameters.Add(new SqliteParameter($"${i}", null));
        command.Prepare();
        return command;
    }
}
