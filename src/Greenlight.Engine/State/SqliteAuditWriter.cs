using System.Collections.Concurrent;
using Greenlight.Core.Audit;
using Greenlight.Engine.Audit;
using Microsoft.Data.Sqlite;

namespace Greenlight.Engine.State;

/// <summary>
/// The audit appends of one database file: a connection held open with its statements prepared, and the chain's head
/// and last checkpoint remembered, so that an append costs about what a plain INSERT does. Used only under the file's
/// writer queue. Each append checks the head in its transaction (BEGIN IMMEDIATE): when another process appended
/// meanwhile (a CLI command), the head is read again, so the chain never forks.
/// </summary>
internal sealed class SqliteAuditWriter(string connectionString)
{
    private static readonly ConcurrentDictionary<string, SqliteAuditWriter> Writers = new(StringComparer.Ordinal);

    private SqliteConnection? _db;
    private SqliteCommand? _max, _insert, _insertCheckpoint;
    private (long Seq, string Hash)? _head;
    private (long Seq, DateTimeOffset Time)? _checkpoint;

    public static SqliteAuditWriter Of(string path, string connectionString) =>
        Writers.GetOrAdd(Path.GetFullPath(path), _ => new SqliteAuditWriter(connectionString));

    public void Append(AuditRecord record, DateTimeOffset now, CheckpointPolicy policy, AuditKey key) => Write((_, tx, head) =>
    {
        var entry = new AuditEntry(head.Seq + 1, now, record, head.Hash);
        var line = entry.ToJson();
        var hash = AuditEntry.Hash(line);
        Run(_insert!, tx, entry.Seq, AuditEntry.FormatTime(now), line);
        var signed = policy.Due(entry.Seq, _checkpoint, now) ? Insert(tx, Checkpoint.Sign(entry.Seq, hash, now, key)) : null;
        return ((entry.Seq, hash), signed);
    });

    /// <summary>Signs the head if no checkpoint covers it yet; true when it did.</summary>
    public bool Sign(DateTimeOffset now, AuditKey key) => Write((_, tx, head) =>
        (head, head.Seq > 0 && (_checkpoint is not { } c || c.Seq < head.Seq) ? Insert(tx, Checkpoint.Sign(head.Seq, head.Hash, now, key)) : null));

    /// <summary>Runs <paramref name="append"/> in a transaction with the current head; the caches change only once it commits.</summary>
    private bool Write(Func<SqliteConnection, SqliteTransaction, (long Seq, string Hash), ((long Seq, string Hash) Head, Checkpoint? Signed)> append)
    {
        try
        {
            var db = Connection();
            using var tx = db.BeginTransaction(deferred: false);
            var (head, signed) = append(db, tx, Head(db, tx));
            tx.Commit();
            _head = head;
            if (signed is not null)
                _checkpoint = (signed.Seq, signed.Time);
            return signed is not null;
        }
        catch
        {
            // Whatever failed (the file busy past its timeout, a full disk), the next append starts afresh.
            _db?.Dispose();
            (_db, _head, _checkpoint) = (null, null, null);
            throw;
        }
    }

    private (long Seq, string Hash) Head(SqliteConnection db, SqliteTransaction tx)
    {
        _max!.Transaction = tx;
        var max = _max.ExecuteScalar() is long seq ? seq : 0;
        if (_head is { } known && known.Seq == max)
            return known;
        _checkpoint = Scalar(db, tx, "SELECT checkpoint FROM audit_checkpoints ORDER BY seq DESC LIMIT 1") is string json
            && Checkpoint.Parse(json) is var c ? (c.Seq, c.Time) : null;
        return max == 0 ? (0, AuditEntry.Genesis) : (max, AuditEntry.Hash((string)Scalar(db, tx, $"SELECT entry FROM audit_log WHERE seq = {max}")!));
    }

    private Checkpoint Insert(SqliteTransaction tx, Checkpoint c)
    {
        Run(_insertCheckpoint!, tx, c.Seq, c.ToJson());
        return c;
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
        _max = Prepare(db, "SELECT max(seq) FROM audit_log");
        _insert = Prepare(db, "INSERT INTO audit_log (seq, at, entry) VALUES ($1, $2, $3)");
        _insertCheckpoint = Prepare(db, "INSERT INTO audit_checkpoints (seq, checkpoint) VALUES ($1, $2)");
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

    private static void Run(SqliteCommand command, SqliteTransaction tx, params object[] values)
    {
        command.Transaction = tx;
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i];
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection db, SqliteTransaction tx, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        return command.ExecuteScalar();
    }
}
