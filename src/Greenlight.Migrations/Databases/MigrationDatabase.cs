using System.Data;
using System.Data.Common;
using Dapper;
using Greenlight.Migrations.History;
using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations.Databases;

/// <summary>
/// The seam between the engine and one database dialect. History-table access is plain SQL shared by both
/// dialects; each dialect supplies only what really differs: the DDL, the run lock, script transactions and
/// how to find the failing statement.
/// </summary>
internal abstract partial class MigrationDatabase(DbConnection connection, string historyTable) : IAsyncDisposable
{
    protected const string Columns =
        "installed_rank, version, description, type, script, checksum, installed_by, installed_on, execution_time, success";

    // installed_on is left to the column's default, the database's clock, as Flyway does.
    protected const string InsertColumns =
        "installed_rank, version, description, type, script, checksum, installed_by, execution_time, success";

    protected DbConnection Connection { get; } = connection;

    protected string HistoryTable { get; } = historyTable;

    protected string QuotedTable => "\"" + HistoryTable + "\"";

    public abstract Task<bool> HistoryExistsAsync(CancellationToken ct);

    /// <summary>Who and where the run is: what Flyway's <c>${flyway:user}</c>, <c>${flyway:database}</c> and
    /// <c>${flyway:defaultSchema}</c> name.</summary>
    public abstract Task<DatabaseSession> SessionAsync(CancellationToken ct);

    public abstract Task EnsureHistoryAsync(CancellationToken ct);

    /// <summary>Held for a whole run so two runners never see the same pending script.</summary>
    public abstract Task<IAsyncDisposable> LockAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct);

    /// <summary>Starts a script's own transaction (a savepoint where the run already holds one).</summary>
    protected abstract string BeginScriptSql { get; }

    protected abstract string CommitScriptSql { get; }

    protected abstract string RollbackScriptSql { get; }

    // A script costs two round trips: begin plus the script, then its history row plus commit.

    /// <summary>Opens the script's transaction and runs the whole script in the same command.</summary>
    public virtual Task BeginAndExecuteScriptAsync(MigrationScript script, CancellationToken ct) =>
        ExecuteAsync(BeginScriptSql + ";\n" + script.Sql, ct);

    /// <summary>Records the applied script and commits it with the script's changes.</summary>
    public virtual Task CommitScriptAsync(HistoryRow row, CancellationToken ct) => Connection.ExecuteAsync(new CommandDefinition(
        InsertSql + ";\n" + CommitScriptSql, Parameters(row), commandType: CommandType.Text, cancellationToken: ct));

    public Task RollbackScriptAsync(CancellationToken ct) => ExecuteAsync(RollbackScriptSql, ct);

    /// <summary>Commits a script that writes no history row (a callback).</summary>
    public Task CommitAsync(CancellationToken ct) => ExecuteAsync(CommitScriptSql, ct);

    /// <summary>
    /// After a failed script was rolled back, replays it statement by statement in a transaction that is rolled
    /// back too, where the database does not say which statement of a multi-statement command failed. Never after a
    /// timeout or a cancellation: that would run the long work again. Null when the failing statement is unknown.
    /// </summary>
    public virtual async Task<ScriptExecutionException?> LocateFailureAsync(MigrationScript script, DbException error, CancellationToken ct)
    {
        if (Interruption(error) is not null)
        {
            return null;
        }
        await ExecuteAsync(BeginScriptSql, ct);
        try
        {
            return await ExecuteStatementByStatementAsync(script, ct);
        }
        finally
        {
            await RollbackScriptAsync(ct);
        }
    }

    /// <summary>
    /// Why the script must run outside a transaction (a statement that cannot run inside one, or its own BEGIN/COMMIT),
    /// or null when the whole script can run in one, which is always so on SQLite.
    /// </summary>
    public virtual OutsideTransaction? NonTransactionalStatement(MigrationScript script) => null;

    /// <summary>Refuses, before any of them runs, scripts this database cannot run as they are.</summary>
    public virtual void CheckRunnable(IEnumerable<MigrationScript> scripts)
    {
    }

    /// <summary>The limit or cancellation that stopped a statement, said as the user configured it, or null for an error of the SQL itself.</summary>
    public virtual string? Interruption(DbException error) => null;

    /// <summary>Why a statement failed, on one line: the limit that fired, else the database's own words.</summary>
    public string Cause(DbException error) => Interruption(error) is { } limit ? $"{limit} ({ErrorText(error)})" : ErrorText(error);

    /// <summary>Where and why a script or callback failed: " at line N (statement): cause", the limit that fired else the database's error.</summary>
    public string Describe(ScriptExecutionException e)
    {
        var where = e.Line is null ? "" : $" at line {e.Line}";
        var statement = e.Statement is null ? "" : $" ({SqlText.Excerpt(e.Statement)})";
        return $"{where}{statement}: {(e.InnerException is DbException error ? Cause(error) : e.Message)}";
    }

    protected virtual string ErrorText(DbException error) => error.Message;

    /// <summary>Ends the transaction block a failed script of its own BEGIN/COMMIT left open, so its history row can be written.</summary>
    public Task RollbackOpenTransactionAsync(CancellationToken ct) => ExecuteAsync("ROLLBACK", ct);

    /// <summary>Whether a script of its own BEGIN/COMMIT ended inside a transaction block it opened.</summary>
    public virtual Task<bool> TransactionLeftOpenAsync(CancellationToken ct) => Task.FromResult(false);

    /// <summary>
    /// Runs the script outside any transaction, one statement per command so each commits on its own (a
    /// multi-statement command would be an implicit transaction). Returns the failing statement and its line, or
    /// null when every statement succeeded; statements before the failing one stay applied.
    /// </summary>
    public async Task<ScriptExecutionException?> ExecuteStatementByStatementAsync(MigrationScript script, CancellationToken ct)
    {
        foreach (var statement in ScriptStatements.Split(script.Sql))
        {
            try
            {
                await ExecuteAsync(statement.Text, ct);
            }
            catch (DbException e)
            {
                return new ScriptExecutionException(statement.Line + SqlText.LineAt(statement.Text, ErrorOffset(e)) - 1, statement.Text, e);
            }
        }
        return null;
    }

    /// <summary>Where in the statement the database located the error, when it says.</summary>
    protected virtual int ErrorOffset(DbException error) => 0;

    public async Task<IReadOnlyList<HistoryRow>> ReadHistoryAsync(CancellationToken ct)
    {
        if (!await HistoryExistsAsync(ct))
        {
            return [];
        }
        await using var command = Connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM {QuotedTable} ORDER BY installed_rank";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<HistoryRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new HistoryRow(
                reader.GetInt32(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetDateTime(7),
                reader.GetInt32(8),
                reader.GetBoolean(9)));
        }
        return rows;
    }

    public Task InsertAsync(HistoryRow row, CancellationToken ct) =>
        Connection.ExecuteAsync(new CommandDefinition(InsertSql, Parameters(row), cancellationToken: ct));

    public Task<int> DeleteFailedAsync(CancellationToken ct) => Connection.ExecuteAsync(new CommandDefinition(
        $"DELETE FROM {QuotedTable} WHERE success = @Failed", new { Failed = false }, cancellationToken: ct));

    public Task UpdateChecksumAsync(int installedRank, int checksum, CancellationToken ct) => Connection.ExecuteAsync(new CommandDefinition(
        $"UPDATE {QuotedTable} SET checksum = @checksum WHERE installed_rank = @installedRank", new { installedRank, checksum }, cancellationToken: ct));

    public Task UpdateDescriptionAsync(int installedRank, string description, CancellationToken ct) => Connection.ExecuteAsync(new CommandDefinition(
        $"UPDATE {QuotedTable} SET description = @description WHERE installed_rank = @installedRank", new { installedRank, description }, cancellationToken: ct));

    private string InsertSql =>
        $"INSERT INTO {QuotedTable} ({InsertColumns}) VALUES (@InstalledRank, @Version, @Description, @Type, @Script, @Checksum, @InstalledBy, @ExecutionTime, @Success)";

    private static object Parameters(HistoryRow row) => new { row.InstalledRank, row.Version, row.Description, row.Type, row.Script, row.Checksum, row.InstalledBy, row.ExecutionTime, row.Success };

    // Text, always: Dapper would take a one-word command such as BEGIN for a stored procedure.
    protected Task ExecuteAsync(string sql, CancellationToken ct) =>
        Connection.ExecuteAsync(new CommandDefinition(sql, commandType: CommandType.Text, cancellationToken: ct));

    public virtual ValueTask DisposeAsync() => Connection.DisposeAsync();
}
