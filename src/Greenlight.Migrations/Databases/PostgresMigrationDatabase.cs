using System.Data.Common;
using Dapper;
using Greenlight.Migrations.History;
using Greenlight.Migrations.Scripts;
using Npgsql;
using NpgsqlTypes;

namespace Greenlight.Migrations.Databases;

/// <summary>
/// PostgreSQL: a session advisory lock keyed by the history table guards the run; each script is its own
/// transaction, since PostgreSQL runs DDL transactionally, except a script holding a statement PostgreSQL cannot run
/// in a transaction block (CREATE INDEX CONCURRENTLY and the like), which runs statement by statement in autocommit.
/// </summary>
internal sealed class PostgresMigrationDatabase(NpgsqlConnection connection, string historyTable)
    : MigrationDatabase(connection, historyTable)
{
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(100);

    // The history insert plus COMMIT in one batch, prepared once per run and reused for every script: each script then costs
    // two round trips (BEGIN plus the script; its history row plus COMMIT) and no re-parsing of the insert.
    private NpgsqlBatch? _commit;
    private bool _commitPrepared;

    public override Task<bool> HistoryExistsAsync(CancellationToken ct) => connection.ExecuteScalarAsync<bool>(new CommandDefinition(
        "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @table)",
        new { table = HistoryTable }, cancellationToken: ct));

    public override async Task<DatabaseSession> SessionAsync(CancellationToken ct) =>
        await connection.QuerySingleAsync<DatabaseSession>(new CommandDefinition(
            "SELECT current_user AS \"User\", current_database() AS \"Database\", current_schema() AS \"Schema\"", cancellationToken: ct));

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

    // Plain Npgsql rather than Dapper on the per-script path: no per-command-text cache entry, no reflection.
    public override async Task BeginAndExecuteScriptAsync(MigrationScript script, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(BeginScriptSql + ";\n" + script.Sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    // Before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run in a transaction block either.
    public override (string Kind, int Line)? NonTransactionalStatement(MigrationScript script) =>
        NonTransactionalStatements.Find(script.Sql, alterTypeAddValueToo: connection.PostgreSqlVersion.Major < 12);

    public override async Task CommitScriptAsync(HistoryRow row, CancellationToken ct)
    {
        var batch = _commit ??= CommitBatch();
        var p = batch.BatchCommands[0].Parameters;
        p[0].Value = row.InstalledRank;
        p[1].Value = (object?)row.Version ?? DBNull.Value;
        p[2].Value = row.Description;
        p[3].Value = row.Type;
        p[4].Value = row.Script;
        p[5].Value = (object?)row.Checksum ?? DBNull.Value;
        p[6].Value = row.InstalledBy;
        // timestamp columns hold the time without a zone, as Flyway writes them.
        p[7].Value = DateTime.SpecifyKind(row.InstalledOn, DateTimeKind.Unspecified);
        p[8].Value = row.ExecutionTime;
        p[9].Value = row.Success;
        if (!_commitPrepared)
        {
            await batch.PrepareAsync(ct);
            _commitPrepared = true;
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_commit is not null)
        {
            await _commit.DisposeAsync();
        }
        await base.DisposeAsync();
    }

    // A batch, since a command with positional parameters holds one statement only.
    private NpgsqlBatch CommitBatch()
    {
        var insert = new NpgsqlBatchCommand($"INSERT INTO {QuotedTable} ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
        foreach (var type in (ReadOnlySpan<NpgsqlDbType>)[
            NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Timestamp, NpgsqlDbType.Integer, NpgsqlDbType.Boolean])
        {
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
        }
        return new NpgsqlBatch(connection) { BatchCommands = { insert, new NpgsqlBatchCommand(CommitScriptSql) } };
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
