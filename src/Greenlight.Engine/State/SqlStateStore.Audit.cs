using Greenlight.Core.Audit;

namespace Greenlight.Engine.State;

internal abstract partial class SqlStateStore
{
    public async Task<IReadOnlyList<string>> ReadAuditAsync(DateTimeOffset? since, CancellationToken ct) => since is { } s
        ? await QueryAsync<string>("SELECT entry FROM audit_log WHERE seq >= (SELECT MIN(seq) FROM audit_log WHERE at >= @at) ORDER BY seq", new { at = AuditEntry.FormatTime(s) })
        : await QueryAsync<string>("SELECT entry FROM audit_log ORDER BY seq");

    public async Task<IReadOnlyList<string>> ReadLatestAuditAsync(long? before, int limit, CancellationToken ct) =>
        await QueryAsync<string>("SELECT entry FROM audit_log WHERE seq < @before ORDER BY seq DESC LIMIT @limit", new { before = before ?? long.MaxValue, limit });

    public async Task<IReadOnlyList<Checkpoint>> ReadCheckpointsAsync(CancellationToken ct) =>
        (await QueryAsync<string>("SELECT checkpoint FROM audit_checkpoints ORDER BY seq")).Select(Checkpoint.Parse).ToList();
}

/// <summary>The statements of an audit append, with positional parameters ($1, …) that both engines' drivers take.</summary>
internal static class AuditStatements
{
    public const string LastSeq = "SELECT max(seq) FROM audit_log";
    public const string Entry = "SELECT entry FROM audit_log WHERE seq = $1";
    public const string LastCheckpoint = "SELECT checkpoint FROM audit_checkpoints ORDER BY seq DESC LIMIT 1";
    public const string InsertEntry = "INSERT INTO audit_log (seq, at, entry) VALUES ($1, $2, $3)";
    public const string InsertCheckpoint = "INSERT INTO audit_checkpoints (seq, checkpoint) VALUES ($1, $2)";
}
