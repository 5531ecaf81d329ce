using Dapper;
using Greenlight.Core.Audit;
using Greenlight.Engine.Audit;

namespace Greenlight.Engine.State;

internal sealed partial class SqliteStateStore
{
    // Append-only: nothing here updates or deletes a row. The entry column is the line whose hash the next entry chains.
    private const string AuditSchema = """
        CREATE TABLE IF NOT EXISTS audit_log (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, entry TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
        CREATE TABLE IF NOT EXISTS audit_checkpoints (seq INTEGER PRIMARY KEY, checkpoint TEXT NOT NULL);
        """;

    private AuditKey AuditSigningKey => AuditKeys.LoadOrCreate(Path.GetDirectoryName(_path)!);

    /// <summary>Through the file's writer queue, like every write of the store, on the file's <see cref="SqliteAuditWriter"/>.</summary>
    public Task AppendAsync(AuditRecord record, CancellationToken ct)
    {
        var key = AuditSigningKey;
        return AuditWriterAsync(writer => writer.AppendAsync(record, _time, key));
    }

    public Task<bool> CheckpointAuditAsync(CancellationToken ct)
    {
        var key = AuditSigningKey;
        return AuditWriterAsync(writer => writer.SignAsync(_time, key));
    }

    private async Task<bool> AuditWriterAsync(Func<SqliteAuditWriter, Task<bool>> write)
    {
        await _writer.WaitAsync();
        try
        {
            return await write(SqliteAuditWriter.Of(_path, _connectionString));
        }
        finally
        {
            _writer.Release();
        }
    }

    public Task<IReadOnlyList<string>> ReadAuditAsync(DateTimeOffset? since, CancellationToken ct)
    {
        using var db = Open();
        IReadOnlyList<string> lines = since is { } s
            ? db.Query<string>("SELECT entry FROM audit_log WHERE seq >= (SELECT MIN(seq) FROM audit_log WHERE at >= @at) ORDER BY seq", new { at = AuditEntry.FormatTime(s) }).AsList()
            : db.Query<string>("SELECT entry FROM audit_log ORDER BY seq").AsList();
        return Task.FromResult(lines);
    }

    public Task<IReadOnlyList<string>> ReadLatestAuditAsync(long? before, int limit, CancellationToken ct)
    {
        using var db = Open();
        IReadOnlyList<string> lines = db.Query<string>("SELECT entry FROM audit_log WHERE seq < @before ORDER BY seq DESC LIMIT @limit",
            new { before = before ?? long.MaxValue, limit }).AsList();
        return Task.FromResult(lines);
    }

    public Task<IReadOnlyList<Checkpoint>> ReadCheckpointsAsync(CancellationToken ct)
    {
        using var db = Open();
        IReadOnlyList<Checkpoint> list = db.Query<string>("SELECT checkpoint FROM audit_checkpoints ORDER BY seq").Select(Checkpoint.Parse).ToList();
        return Task.FromResult(list);
    }
}
