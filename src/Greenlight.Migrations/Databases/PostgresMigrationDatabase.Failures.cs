using System.Data.Common;
using System.Globalization;
using Greenlight.Core.Manifest;
using Greenlight.Migrations.Scripts;
using Npgsql;

namespace Greenlight.Migrations.Databases;

/// <summary>How a PostgreSQL run is limited, and how a failure is traced to its statement and its limit.</summary>
internal sealed partial class PostgresMigrationDatabase
{
    // The statement of the last script the server refused, found from its batch.
    private (MigrationScript Script, ScriptStatement Statement)? _failed;

    /// <summary>
    /// The manifest's timeouts as session settings, so the server enforces them on every statement of the run; the
    /// client sets none (see <see cref="DatabaseFactory"/>).
    /// </summary>
    public async Task ApplyServerLimitsAsync(CancellationToken ct)
    {
        var settings = string.Concat(
            options.StatementTimeout is { } statement ? $"SET statement_timeout = {Milliseconds(statement)};" : "",
            options.LockTimeout is { } wait ? $"SET lock_timeout = {Milliseconds(wait)};" : "");
        if (settings.Length > 0)
        {
            await ExecuteAsync(settings, ct);
        }
    }

    public override string? Interruption(DbException error) => error switch
    {
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } e when options.StatementTimeout is { } limit && !e.MessageText.Contains("user request", StringComparison.Ordinal) =>
            $"the statement timeout of {DurationText.Format(limit)} (database.statementTimeout) fired",
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } => "the statement was cancelled from outside (pg_cancel_backend or the server shutting down)",
        // NOWAIT's "could not obtain lock" shares the code: that is the script's own choice, not a limit.
        PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable } e when options.LockTimeout is { } limit && !e.MessageText.StartsWith("could not obtain lock", StringComparison.Ordinal) =>
            $"the lock timeout of {DurationText.Format(limit)} (database.lockTimeout) fired: another session held a lock the statement waited for",
        NpgsqlException { InnerException: TimeoutException } =>
            $"the command timeout of {connection.CommandTimeout}s (Command Timeout in the connection string) fired",
        _ => null,
    };

    /// <summary>
    /// The script as a batch of its own statements (split with the linter's tokenizer), still one round trip: Npgsql
    /// tells which command of a batch the server refused, so a failure, a timeout included, is traced to its line
    /// without running the script again.
    /// </summary>
    public override async Task BeginAndExecuteScriptAsync(MigrationScript script, CancellationToken ct)
    {
        var statements = ScriptStatements.Split(script.Sql);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand(BeginScriptSql) } };
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(statement.Text));
        }
        _failed = null;
        try
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (Refused(batch, e) is var index && index > 0 && index < batch.BatchCommands.Count)
        {
            _failed = (script, statements[index - 1]);
            throw;
        }
    }

    // Npgsql names the refused command for an error at parse time; for one while it runs (a timeout, a constraint) it
    // does not, and the refused command is the first that did not complete (its statement type still unknown).
    private static int Refused(NpgsqlBatch batch, PostgresException error) => error.BatchCommand is { } refused
        ? batch.BatchCommands.IndexOf(refused)
        : batch.BatchCommands.Cast<NpgsqlBatchCommand>().TakeWhile(c => c.StatementType != StatementType.Unknown).Count();

    public override async Task<ScriptExecutionException?> LocateFailureAsync(MigrationScript script, DbException error, CancellationToken ct) =>
        _failed is { } failed && ReferenceEquals(failed.Script, script)
            ? new ScriptExecutionException(failed.Statement.Line + SqlText.LineAt(failed.Statement.Text, ErrorOffset(error)) - 1, failed.Statement.Text, error)
            : await base.LocateFailureAsync(script, error, ct);

    // The code and the server's message, its hint when it gives one; Npgsql's Message adds lines (POSITION: …) the line number already says.
    protected override string ErrorText(DbException error) => error is PostgresException e
        ? $"{e.SqlState}: {e.MessageText}" + (e.Hint is { } hint ? $" (hint: {hint})" : "")
        : error.Message;

    // SAVEPOINT is refused outside a transaction block (25P01), which tells without touching the script's work.
    public override async Task<bool> TransactionLeftOpenAsync(CancellationToken ct)
    {
        try
        {
            await ExecuteAsync("SAVEPOINT greenlight_open_check", ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.NoActiveSqlTransaction)
        {
            return false;
        }
    }

    private static string Milliseconds(TimeSpan limit) => ((long)limit.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}
