using System.Diagnostics;
using Greenlight.Core.Audit;
using Greenlight.Engine.Audit;
using Greenlight.Testing.Postgres;
using Npgsql;
using NpgsqlTypes;
using static Bench;

/// <summary>The PostgreSQL rows: entries/s appended and inserted raw, and the whole log read back and verified.</summary>
sealed record PostgresResult(string Version, int Port, double AppendRate, double RawRate, double ReadVerifyRate, int Checkpoints)
{
    public double Ratio => AppendRate / RawRate;
}

/// <summary>
/// The audit log on a throwaway PostgreSQL cluster, started as the tests start theirs (PostgresServer: initdb into a
/// temp directory, a random loopback port) and stopped at the end, one database for the appends and one for the raw inserts.
/// </summary>
static class PostgresBench
{
    public static async Task<PostgresResult> RunAsync(int count, int rowSize, string work)
    {
        await using var server = await PostgresServer.StartAsync();
        await MakeDurableAsync(server);
        var stateDirectory = Path.Combine(work, "pg-state");
        var key = AuditKeys.LoadOrCreate(stateDirectory);

        // Warm-up (JIT, pool, prepared statements), in databases of their own, not timed.
        await using (var warm = await PostgresAuditLog.OpenAsync(await server.CreateDatabaseAsync("warm"), key, TimeProvider.System, CancellationToken.None))
            await AppendAsync(warm, 0, 2_000);
        await using (var warmRaw = await RawPostgresInserts.CreateAsync(await server.CreateDatabaseAsync("warm_raw"), key, rowSize))
            await warmRaw.InsertAsync(0, 2_000);

        await using var log = await PostgresAuditLog.OpenAsync(await server.CreateDatabaseAsync("audit"), key, TimeProvider.System, CancellationToken.None);
        await using var rawInserts = await RawPostgresInserts.CreateAsync(await server.CreateDatabaseAsync("raw"), key, rowSize);
        var (append, raw) = await TakeTurnsAsync(count, (from, n) => AppendAsync(log, from, n), rawInserts.InsertAsync);

        var clock = Stopwatch.StartNew();
        var export = await AuditExport.OfStoreAsync(log, stateDirectory, null, CancellationToken.None);
        var outcome = export.Verify(whole: true);
        clock.Stop();
        if (!outcome.Ok || outcome.Entries != count)
            throw new InvalidOperationException($"the benchmark's own PostgreSQL log does not verify: {outcome.Problem}");
        return new PostgresResult(server.Version, server.Port, count / append.TotalSeconds, count / raw.TotalSeconds,
            count / clock.Elapsed.TotalSeconds, export.Checkpoints.Count);
    }

    /// <summary>The test cluster throws durability away (fsync, synchronous_commit and full_page_writes off): durable appends are measured, so it comes back.</summary>
    private static async Task MakeDurableAsync(PostgresServer server)
    {
        foreach (var setting in (string[])["fsync", "synchronous_commit", "full_page_writes"])
            await server.ExecuteAsync($"ALTER SYSTEM SET {setting} = on");
        await server.ExecuteAsync("SELECT pg_reload_conf()");
        // The reload is signalled, not awaited: until a new session sees all three.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var db = new NpgsqlConnection(server.ConnectionString + ";Pooling=false");
            await db.OpenAsync();
            await using var show = new NpgsqlCommand("SELECT current_setting('fsync') || current_setting('synchronous_commit') || current_setting('full_page_writes')", db);
            if ((string?)await show.ExecuteScalarAsync() == "ononon")
                return;
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
                throw new InvalidOperationException("the benchmark's PostgreSQL did not turn fsync, synchronous_commit and full_page_writes on within 30 s of pg_reload_conf()");
            await Task.Delay(20);
        }
    }
}

/// <summary>
/// The baseline: the same table (created by PostgresAuditLog, the one place its DDL lives), rows of the same size,
/// synchronous_commit on, one transaction per row: a single INSERT, committed on its own, from a prepared statement on
/// a connection held open, the cheapest way to that durability. No lock, no chain, no signature.
/// </summary>
sealed class RawPostgresInserts(NpgsqlConnection db, NpgsqlCommand insert, string filler) : IAsyncDisposable
{
    public static async Task<RawPostgresInserts> CreateAsync(string connectionString, AuditKey key, int rowSize)
    {
        await (await PostgresAuditLog.OpenAsync(connectionString, key, TimeProvider.System, CancellationToken.None)).DisposeAsync();
        var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var insert = new NpgsqlCommand("INSERT INTO audit_log (seq, at, entry) VALUES ($1, $2, $3)", db)
        {
            Parameters = { new() { NpgsqlDbType = NpgsqlDbType.Bigint }, new() { NpgsqlDbType = NpgsqlDbType.TimestampTz }, new() { NpgsqlDbType = NpgsqlDbType.Text } },
        };
        await insert.PrepareAsync();
        return new RawPostgresInserts(db, insert, new string('x', rowSize));
    }

    public async Task<TimeSpan> InsertAsync(int from, int n)
    {
        var clock = Stopwatch.StartNew();
        for (var i = from + 1; i <= from + n; i++)
        {
            insert.Parameters[0].Value = (long)i;
            insert.Parameters[1].Value = DateTime.UtcNow;
            insert.Parameters[2].Value = filler;
            await insert.ExecuteNonQueryAsync();
        }
        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        await insert.DisposeAsync();
        await db.DisposeAsync();
    }
}
