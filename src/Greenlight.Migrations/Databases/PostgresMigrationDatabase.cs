using System.Data.Common;
using Dapper;
using Greenlight.Migrations.Scripts;
using Npgsql;

namespace Greenlight.Migrations.Databases;

/// <summary>
/// PostgreSQL: a session advisory lock keyed by the history table guards the run; each script is its own
/// transaction, since PostgreSQL runs DDL transactionally.
/// </summary>
internal sealed class PostgresMigrationDatabase(NpgsqlConnection connection, string historyTable)
    : MigrationDatabase(connection, historyTable)
{
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(100);

    public override Task<bool> HistoryExistsAsync(CancellationToken ct) => connection.ExecuteScalarAsync<bool>(new CommandDefinition(
        "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @table)",
        new { table = HistoryTable }, cancellationToken: ct));

    // Flyway's own PostgreSQL DDL, so either tool can read the other's table.
    public override Task EnsureHistoryAsync(CancellationToken ct) => ExecuteAsync($"""
        CREATE TABLE IF NOT EXISTS {QuotedTable} (
            "installed_rank" INT NOT NULL,
            "version" VARCHAR(50),
            "description" VARCHAR(200) NOT NULL,
            "type" VARCHAR(20) NOT NULL,
            "script" VARCHAR(1000) NOT NULL,
            "checksum" INTEGER,
            "installed_by" VARCHAR(100) NOT NULL,
            "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
            "execution_time" INTEGER NOT NULL,
            "success" BOOLEAN NOT NULL,
            CONSTRAINT "{HistoryTable}_pk" PRIMARY KEY ("installed_rank"));
        CREATE INDEX IF NOT EXISTS "{HistoryTable}_s_idx" ON {QuotedTable} ("success");
        """, ct);

    public override async Task<IAsyncDisposable> LockAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var key = LockKey();
        var deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        while (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@key)", new { key }, cancellationToken: ct)))
        {
            if (time.GetTimestamp() >= deadline)
            {
                throw new MigrationException(
                    $"Another migration run holds the lock on {HistoryTable} in database {connection.Database} for {timeout.TotalSeconds:0.#}s; try again once it finishes.");
            }
            await Task.Delay(LockPoll, time, ct);
        }
        return new Release(this, key);
    }

    protected override string BeginScriptSql => "BEGIN";

    protected override string CommitScriptSql => "COMMIT";

    protected override string RollbackScriptSql => "ROLLBACK";

    protected override int ErrorOffset(DbException error) => error is PostgresException { Position: > 0 } e ? e.Position - 1 : 0;

    // One 64-bit key per history table, so runs against different tables in one database do not block each other.
    private long LockKey() => (0x474C_0000L << 32) | (uint)FlywayChecksum.Compute("greenlight:" + HistoryTable);

    private sealed class Release(PostgresMigrationDatabase database, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await database.Connection.ExecuteScalarAsync<bool>("SELECT pg_advisory_unlock(@key)", new { key });
    }
}
