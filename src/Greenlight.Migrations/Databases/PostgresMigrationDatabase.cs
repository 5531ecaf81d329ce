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
/// in a transaction block (CREATE INDEX CONCURRENTLY and the like) or its own BEGIN/COMMIT, which runs statement by
/// statement in autocommit. The manifest's statement and lock timeouts are session settings the server enforces.
/// </summary>
internal sealed partial class PostgresMigrationDatabase(NpgsqlConnection connection, MigratorOptions options)
    : MigrationDatabase(connection, options.HistoryTable)
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

    // Tables, views, sequences, functions and types of the default schema, less what an extension owns (pg_depend 'e')
    // and the row types and array types PostgreSQL makes for tables and types by itself.
    protected override async Task<IReadOnlyList<string>> SchemaObjectsAsync(int limit, CancellationToken ct) =>
        (await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT kind || ' ' || name FROM (
                SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence'
                    WHEN 'f' THEN 'foreign table' WHEN 'c' THEN 'type' ELSE 'table' END AS kind, c.relname AS name, c.oid, 'pg_class'::regclass AS catalog
                FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c') AND c.relname <> @table
                UNION ALL SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END, p.proname, p.oid, 'pg_proc'::regclass
                FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace
                UNION ALL SELECT 'type', t.typname, t.oid, 'pg_type'::regclass
                FROM pg_type t WHERE t.typnamespace = current_schema()::regnamespace AND t.typtype IN ('e', 'd', 'r', 'm')
            ) o
            WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = o.catalog AND d.objid = o.oid AND d.deptype = 'e')
            ORDER BY kind, name LIMIT @limit
            """, new { table = HistoryTable, limit }, cancellationToken: ct))).ToList();

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

    // Before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run in a transaction block either.
    public override OutsideTransaction? NonTransactionalStatement(MigrationScript script) =>
        TransactionControl.Find(script.Sql) is { } own ? new(own.Kind, own.Line, OwnTransactions: true)
        : NonTransactionalStatements.Find(script.Sql, alterTypeAddValueToo: connection.PostgreSqlVersion.Major < 12) is { } kind ? new(kind.Kind, kind.Line, OwnTransactions: false)
        : null;

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
        p[7].Value = row.ExecutionTime;
        p[8].Value = row.Success;
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
        var insert = new NpgsqlBatchCommand($"INSERT INTO {QuotedTable} ({InsertColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
        foreach (var type in (ReadOnlySpan<NpgsqlDbType>)[
            NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Boolean])
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

    // Releasing the lock must never hide the error that ended the run: a connection left in an aborted transaction is
    // rolled back first, and an unlock that still fails is dropped, since the session's lock dies with its connection,
    // which is closed right after.
    private sealed class Release(PostgresMigrationDatabase database, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await UnlockAsync();
            }
            catch (Exception e) when (IsConnectionError(e))
            {
                try
                {
                    await database.RollbackOpenTransactionAsync(CancellationToken.None);
                    await UnlockAsync();
                }
                catch (Exception again) when (IsConnectionError(again))
                {
                }
            }
        }

        private static bool IsConnectionError(Exception e) => e is DbException or InvalidOperationException;

        private Task<bool> UnlockAsync() => database.Connection.ExecuteScalarAsync<bool>("SELECT pg_advisory_unlock(@key)", new { key });
    }
}
