using Dapper;
using Greenlight.Migrations.Scripts;
using Microsoft.Data.Sqlite;

namespace Greenlight.Migrations.Databases;

/// <summary>
/// SQLite: the run holds the database write lock (<c>BEGIN IMMEDIATE</c>) from start to end, and each script is a
/// savepoint inside it, so a failing script rolls back alone while the lock is never released between scripts.
/// </summary>
internal sealed class SqliteMigrationDatabase(SqliteConnection connection, string historyTable)
    : MigrationDatabase(connection, historyTable)
{
    private const int SqliteBusy = 5;
    private const string Savepoint = "greenlight_script";

    public override async Task<bool> HistoryExistsAsync(CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", HistoryTable);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    protected override async Task<IReadOnlyList<string>> SchemaObjectsAsync(int limit, CancellationToken ct) =>
        (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND tbl_name <> @table ORDER BY type, name LIMIT @limit",
            new { table = HistoryTable, limit }, cancellationToken: ct))).ToList();

    /// <summary>
    /// The run holds one transaction (<c>BEGIN IMMEDIATE</c>) and each script is a savepoint in it: a script's own
    /// BEGIN would fail and its COMMIT would end the run's lock and commit the scripts before it halfway. Refused
    /// before any script runs, naming where. (Its SAVEPOINT/RELEASE nest and are fine.)
    /// </summary>
    public override void CheckRunnable(IEnumerable<MigrationScript> scripts)
    {
        foreach (var script in scripts)
        {
            if (TransactionControl.Find(script.Sql) is { } own)
            {
                throw new MigrationException(
                    $"{script.FileName}:{own.Line}: {own.Kind} controls the transaction itself, which SQLite cannot run inside a migration: the run holds "
                    + "one transaction (BEGIN IMMEDIATE) and runs each script as a savepoint in it, so its BEGIN/COMMIT would break the run's lock. "
                    + "Remove the script's BEGIN/COMMIT/ROLLBACK (each script already is all-or-nothing). Nothing was applied.");
            }
        }
    }

    // SQLite has no users: the one running the migration stands in.
    public override Task<DatabaseSession> SessionAsync(CancellationToken ct) =>
        Task.FromResult(new DatabaseSession(Environment.UserName, Path.GetFileNameWithoutExtension(connection.DataSource), "main"));

    // Flyway's own SQLite DDL, so either tool can read the other's table.
    public override Task EnsureHistoryAsync(CancellationToken ct) => ExecuteAsync($"""
        CREATE TABLE IF NOT EXISTS {QuotedTable} (
            "installed_rank" INT NOT NULL PRIMARY KEY,
            "version" VARCHAR(50),
            "description" VARCHAR(200) NOT NULL,
            "type" VARCHAR(20) NOT NULL,
            "script" VARCHAR(1000) NOT NULL,
            "checksum" INT,
            "installed_by" VARCHAR(100) NOT NULL,
            "installed_on" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
            "execution_time" INT NOT NULL,
            "success" BOOLEAN NOT NULL);
        CREATE INDEX IF NOT EXISTS "{HistoryTable}_s_idx" ON {QuotedTable} ("success");
        """, ct);

    public override async Task<IAsyncDisposable> LockAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE";
        // Microsoft.Data.Sqlite retries a busy database until the command timeout: that is our lock timeout.
        command.CommandTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        try
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteBusy)
        {
            throw new MigrationException(
                $"Another migration run holds the lock on {HistoryTable} in {connection.DataSource} for {timeout.TotalSeconds:0.#}s; try again once it finishes.", e);
        }
        return new Release(this);
    }

    protected override string BeginScriptSql => $"SAVEPOINT {Savepoint}";

    protected override string CommitScriptSql => $"RELEASE {Savepoint}";

    protected override string RollbackScriptSql => $"ROLLBACK TO {Savepoint}; RELEASE {Savepoint}";

    private sealed class Release(SqliteMigrationDatabase database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await database.ExecuteAsync("COMMIT", CancellationToken.None);
    }
}
