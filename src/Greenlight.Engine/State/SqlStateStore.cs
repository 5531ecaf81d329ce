using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Greenlight.Core.Audit;
using Greenlight.Core.Rollouts;
using Greenlight.Core.Secrets;

namespace Greenlight.Engine.State;

/// <summary>
/// What the SQLite and PostgreSQL stores share: every query and statement, written once in the SQL both engines
/// speak (upserts with ON CONFLICT, RETURNING, booleans as TRUE/FALSE, times as ISO-8601 text so both order them
/// alike). An engine supplies how it connects, how a write transaction is run (SQLite: one writer per file;
/// PostgreSQL: fenced by the lease) and the few expressions that differ.
/// </summary>
internal abstract partial class SqlStateStore(TimeProvider time, SecretValues? secrets) : IStateStore
{
    protected static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };
    protected readonly TimeProvider _time = time;
    /// <summary>Masked in every message and reason written: an error may quote a connection string.</summary>
    protected readonly SecretValues _secrets = secrets ?? new SecretValues();

    public abstract string Name { get; }

    protected abstract Task<DbConnection> OpenAsync();

    /// <summary>Runs <paramref name="write"/> in one transaction and commits it. Not cancellable: what a stopping
    /// controller records on its way out must still be written.</summary>
    protected abstract Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write);

    /// <summary>The condition on <c>pipeline_runs.state</c> (JSON text) of a run still running.</summary>
    protected abstract string RunningPipelineRun { get; }

    /// <summary>Taken before rows whose ids readers follow (events), so that ids become visible in the order they grow.</summary>
    protected virtual Task LockAppendsAsync(DbConnection db, DbTransaction tx) => Task.CompletedTask;

    public abstract Task AppendAsync(AuditRecord record, CancellationToken ct);

    public abstract Task<bool> CheckpointAuditAsync(CancellationToken ct);

    protected Task WriteAsync(Func<DbConnection, DbTransaction, Task> write) => WriteAsync(async (db, tx) => { await write(db, tx); return true; });

    protected async Task<List<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var db = await OpenAsync();
        return (await db.QueryAsync<T>(sql, args)).AsList();
    }

    protected async Task<T?> QuerySingleAsync<T>(string sql, object? args)
    {
        await using var db = await OpenAsync();
        return await db.QuerySingleOrDefaultAsync<T>(sql, args);
    }

    protected static T? Parse<T>(string? json) where T : class => json is null ? null : JsonSerializer.Deserialize<T>(json, Json);

    protected static List<T> ParseAll<T>(IEnumerable<string> json) => json.Select(j => JsonSerializer.Deserialize<T>(j, Json)!).ToList();

    public Task SaveRolloutAsync(Rollout rollout, IReadOnlyList<string> log, CancellationToken cancellationToken)
    {
        rollout = rollout with { Reason = _secrets.Apply(rollout.Reason), LastVerdict = rollout.LastVerdict?.MapText(t => _secrets.Apply(t)!) };
        // Serialized before the write queues: SQLite's writer runs one write at a time.
        var row = new { rollout.Id, rollout.App, Phase = rollout.Phase.ToString(), Terminal = rollout.IsTerminal, CreatedAt = rollout.CreatedAt.ToString("O"), State = JsonSerializer.Serialize(rollout, Json) };
        return WriteAsync(async (db, tx) =>
        {
            await db.ExecuteAsync("""
                INSERT INTO rollouts (id, app, phase, terminal, created_at, state) VALUES (@Id, @App, @Phase, @Terminal, @CreatedAt, @State)
                ON CONFLICT (id) DO UPDATE SET phase = excluded.phase, terminal = excluded.terminal, state = excluded.state
                """,
                row, tx);
            await InsertEventsAsync(db, tx, rollout.Id, log);
        });
    }

    public Task<long> AppendEventAsync(string rolloutId, string message, double? durationMs, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => InsertEventAsync(db, tx, rolloutId, _time.GetUtcNow(), message, durationMs));

    /// <summary>Stamped now, not with the phase's entry time: a line that repeats (a retry) says when it happened.</summary>
    private async Task InsertEventsAsync(DbConnection db, DbTransaction tx, string rolloutId, IReadOnlyList<string> log)
    {
        var at = _time.GetUtcNow();
        foreach (var message in log)
            await InsertEventAsync(db, tx, rolloutId, at, message, null);
    }

    private async Task<long> InsertEventAsync(DbConnection db, DbTransaction tx, string rolloutId, DateTimeOffset at, string message, double? durationMs)
    {
        await LockAppendsAsync(db, tx);
        return await db.ExecuteScalarAsync<long>("INSERT INTO events (rollout_id, at, message, duration_ms) VALUES (@rolloutId, @at, @message, @durationMs) RETURNING id",
            new { rolloutId, at = at.ToString("O"), message = _secrets.Apply(message), durationMs }, tx);
    }

    public async Task<Rollout?> GetRolloutAsync(string id, CancellationToken cancellationToken) =>
        Parse<Rollout>(await QuerySingleAsync<string>("SELECT state FROM rollouts WHERE id = @id", new { id }));

    // rowid breaks ties of equal times: SQLite's own, a column of that name on PostgreSQL.
    public async Task<IReadOnlyList<Rollout>> ListRolloutsAsync(string app, int limit, CancellationToken cancellationToken) =>
        ParseAll<Rollout>(await QueryAsync<string>("SELECT state FROM rollouts WHERE app = @app ORDER BY created_at DESC, rowid DESC LIMIT @limit", new { app, limit }));

    public async Task<IReadOnlyList<Rollout>> ListUnfinishedAsync(string app, CancellationToken cancellationToken) =>
        ParseAll<Rollout>(await QueryAsync<string>("SELECT state FROM rollouts WHERE app = @app AND NOT terminal ORDER BY created_at, rowid", new { app }));

    public async Task<IReadOnlyList<RolloutEvent>> GetEventsAsync(string rolloutId, long afterId, CancellationToken cancellationToken) =>
        (await QueryAsync<(long Id, string RolloutId, string At, string Message, double? DurationMs)>(
            "SELECT id, rollout_id, at, message, duration_ms FROM events WHERE rollout_id = @rolloutId AND id > @afterId ORDER BY id", new { rolloutId, afterId }))
        .Select(e => new RolloutEvent(e.Id, e.RolloutId, DateTimeOffset.Parse(e.At), e.Message, e.DurationMs))
        .ToList();
}
