using Dapper;
using Greenlight.Core.Audit;
using Greenlight.Engine.Audit;
using Microsoft.Data.Sqlite;

namespace Greenlight.Engine.State;

internal sealed partial class SqliteStateStore
{
    // Append-only: nothing here updates or deletes a row. The entry column is the line whose hash the next entry chains.
    private const string AuditSchema = """
        CREATE TABLE IF NOT EXISTS audit_log (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, entry TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
        CREATE TABLE IF NOT EXISTS audit_checkpoints (seq INTEGER PRIMARY KEY, checkpoint TEXT NOT NULL);
        """;

    /// <summary>When checkpoints are signed; tests and the benchmark set their own.</summary>
    internal CheckpointPolicy AuditPolicy { get; init; } = CheckpointPolicy.Default;

    private AuditKey AuditSigningKey => AuditKeys.LoadOrCreate(Path.GetDirectoryName(_path)!);

    /// <summary>
    /// One transaction through the file's writer queue, like every write of the store; the chain's head is read inside it
    /// (BEGIN IMMEDIATE), so a CLI process appending to the same file at once still extends the chain, never forks it.
    /// </summary>
    public Task AppendAsync(AuditRecord record, CancellationToken ct)
    {
        var key = AuditSigningKey;
        return WriteAsync((db, tx) =>
        {
            var head = db.QuerySingleOrDefault<(long Seq, string Entry)?>("SELECT seq, entry FROM audit_log ORDER BY seq DESC LIMIT 1", transaction: tx);
            var now = _time.GetUtcNow();
            var entry = new AuditEntry((head?.Seq ?? 0) + 1, now, record, head is { } h ? AuditEntry.Hash(h.Entry) : AuditEntry.Genesis);
            var line = entry.ToJson();
            db.Execute("INSERT INTO audit_log (seq, at, entry) VALUES (@Seq, @at, @line)", new { entry.Seq, at = AuditEntry.FormatTime(now), line }, tx);
            if (AuditPolicy.Due(entry.Seq, LastCheckpoint(db, tx), now))
                InsertCheckpoint(db, tx, Checkpoint.Sign(entry.Seq, AuditEntry.Hash(line), now, key));
        });
    }

    public Task<bool> CheckpointAuditAsync(CancellationToken ct)
    {
        var key = AuditSigningKey;
        return WriteAsync((db, tx) =>
        {
            var head = db.QuerySingleOrDefault<(long Seq, string Entry)?>("SELECT seq, entry FROM audit_log ORDER BY seq DESC LIMIT 1", transaction: tx);
            if (head is not { } h || LastCheckpoint(db, tx)?.Seq >= h.Seq)
                return false;
            InsertCheckpoint(db, tx, Checkpoint.Sign(h.Seq, AuditEntry.Hash(h.Entry), _time.GetUtcNow(), key));
            return true;
        });
    }

    private static (long Seq, DateTimeOffset Time)? LastCheckpoint(SqliteConnection db, SqliteTransaction tx) =>
        db.QuerySingleOrDefault<string>("SELECT checkpoint FROM audit_checkpoints ORDER BY seq DESC LIMIT 1", transaction: tx) is { } json
            && Checkpoint.Parse(json) is var c ? (c.Seq, c.Time) : null;

    private static void InsertCheckpoint(SqliteConnection db, SqliteTransaction tx, Checkpoint c) =>
        db.Execute("INSERT INTO audit_checkpoints (seq, checkpoint) VALUES (@Seq, @json)", new { c.Seq, json = c.ToJson() }, tx);

    public Task<IReadOnlyList<string>> ReadAuditAsync(DateTimeOffset? since, CancellationToken ct)
    {
        using var db = Open();
        IReadOnlyList<string> lines = since is { } s
            ? db.Query<string>("SELECT entry FROM audit_log WHERE seq >= (SELECT MIN(seq) FROM audit_log WHERE at >= @at) ORDER BY seq", new { at = AuditEntry.FormatTime(s) }).AsList()
            : db.Query<string>("SELECT entry FROM audit_log ORDER BY seq").AsList();
        return Task.FromResult(lines);
    }

    public Task<IReadOnlyList<Checkpoint>> ReadCheckpointsAsync(CancellationToken ct)
    {
        using var db = Open();
        IReadOnlyList<Checkpoint> list = db.Query<string>("SELECT checkpoint FROM audit_checkpoints ORDER BY seq").Select(Checkpoint.Parse).ToList();
        return Task.FromResult(list);
    }
}
