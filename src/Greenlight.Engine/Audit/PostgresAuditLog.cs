using Greenlight.Core.Audit;
using Npgsql;

namespace Greenlight.Engine.Audit;

/// <summary>
/// The audit log in PostgreSQL, with the same chain and checkpoints as on SQLite (<see cref="AuditChain"/>), in the
/// append-only tables of <c>PostgresAuditLog.Schema.cs</c>. Every append of every process takes the same
/// transaction-level advisory lock first, so two controllers on one database never fork the chain. One connection is
/// held for the appends, its statements prepared; reads take pooled connections of their own. The connection string
/// is the caller's and goes into no message or log.
/// </summary>
public sealed partial class PostgresAuditLog : IAuditStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly AuditKey _key;
    private readonly TimeProvider _time;
    private readonly AuditChain _chain;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private Writer? _db;

    private PostgresAuditLog(NpgsqlDataSource source, AuditKey key, TimeProvider time, CheckpointPolicy policy)
    {
        (_source, _key, _time) = (source, key, time);
        _chain = new AuditChain(policy);
    }

    /// <summary>Connects and creates the tables where they are missing.</summary>
    /// <param name="key">The controller's signing key (<see cref="AuditKeys.LoadOrCreate"/>).</param>
    public static async Task<PostgresAuditLog> OpenAsync(string connectionString, AuditKey key, TimeProvider time, CancellationToken ct,
        CheckpointPolicy? policy = null)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        try
        {
            await CreateSchemaAsync(source, ct);
            return new PostgresAuditLog(source, key, time, policy ?? CheckpointPolicy.Default);
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    public Task AppendAsync(AuditRecord record, CancellationToken ct) => WriteAsync(tx => _chain.AppendAsync(tx, record, _time, _key, ct), ct);

    public Task<bool> CheckpointAuditAsync(CancellationToken ct) => WriteAsync(tx => _chain.SignAsync(tx, _time, _key, ct), ct);

    public async Task<IReadOnlyList<string>> ReadAuditAsync(DateTimeOffset? since, CancellationToken ct) => since is { } s
        ? await ReadLinesAsync("SELECT entry FROM audit_log WHERE seq >= (SELECT min(seq) FROM audit_log WHERE at >= $1) ORDER BY seq", ct, s.UtcDateTime)
        : await ReadLinesAsync("SELECT entry FROM audit_log ORDER BY seq", ct);

    public async Task<IReadOnlyList<string>> ReadLatestAuditAsync(long? before, int limit, CancellationToken ct) =>
        await ReadLinesAsync("SELECT entry FROM audit_log WHERE seq < $1 ORDER BY seq DESC LIMIT $2", ct, before ?? long.MaxValue, limit);

    public async Task<IReadOnlyList<Checkpoint>> ReadCheckpointsAsync(CancellationToken ct) =>
        (await ReadLinesAsync("SELECT checkpoint FROM audit_checkpoints ORDER BY seq", ct)).Select(Checkpoint.Parse).ToList();

    private async Task<List<string>> ReadLinesAsync(string sql, CancellationToken ct, params object[] values)
    {
        await using var command = _source.CreateCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var lines = new List<string>();
        while (await reader.ReadAsync(ct))
            lines.Add(reader.GetString(0));
        return lines;
    }

    /// <summary>One append at a time on this instance's connection; other instances and processes wait on the advisory lock.</summary>
    private async Task<bool> WriteAsync(Func<IAuditTransaction, Task<bool>> write, CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            _db ??= await Writer.OpenAsync(_source, ct);
            await using var tx = await _db.BeginAsync(ct);
            return await write(tx);
        }
        catch
        {
            // A lost connection, a cancelled statement: the transaction is gone with it, and the next append reconnects.
            if (_db is not null)
                await _db.DisposeAsync();
            _db = null;
            throw;
        }
        finally
        {
            _writer.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.WaitAsync();
        try
        {
            if (_db is not null)
                await _db.DisposeAsync();
            _db = null;
            await _source.DisposeAsync();
        }
        finally
        {
            _writer.Release();
        }
    }
}
