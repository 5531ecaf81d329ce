using System.Data.Common;
using System.Diagnostics;
using Greenlight.Migrations.Databases;
using Greenlight.Migrations.History;
using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations;

/// <summary>
/// Applies one script and records it. Success: the script and its history row commit together. Failure: the
/// script is rolled back and the failed row is written afterwards, outside the rolled-back work. A PostgreSQL script
/// holding a statement that cannot run in a transaction (CREATE INDEX CONCURRENTLY, ...) runs statement by statement
/// in autocommit instead; its row is written after it, and a failure cannot roll back its earlier statements.
/// </summary>
internal sealed class ScriptRunner(MigrationDatabase db, MigratorOptions options, int firstRank)
{
    private int _rank = firstRank;

    public async Task<(AppliedScript? Applied, ScriptFailure? Failure)> RunAsync(MigrationScript script, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        if (db.NonTransactionalStatement(script) is { } outside)
        {
            return await RunOutsideTransactionAsync(script, outside, started, ct);
        }
        try
        {
            await db.BeginAndExecuteScriptAsync(script, ct);
            await db.CommitScriptAsync(Row(script, started, success: true), ct);
        }
        catch (DbException e)
        {
            await db.RollbackScriptAsync(ct);
            var located = await db.LocateFailureAsync(script, ct);
            await db.InsertAsync(Row(script, started, success: false), ct);
            _rank++;
            return (null, new ScriptFailure(script.FileName, Describe(script, located ?? new ScriptExecutionException(null, null, e))));
        }
        catch
        {
            await db.RollbackScriptAsync(CancellationToken.None);
            throw;
        }
        _rank++;
        return (new AppliedScript(script.Version?.Text, script.Description, script.FileName, script.Phase, Stopwatch.GetElapsedTime(started)), null);
    }

    /// <summary>
    /// A script with a statement the database cannot run in a transaction (as Flyway does): its statements run one by
    /// one in autocommit and its history row is written once they all succeeded, or as failed at the first failure,
    /// when the statements before it have already committed.
    /// </summary>
    private async Task<(AppliedScript? Applied, ScriptFailure? Failure)> RunOutsideTransactionAsync(
        MigrationScript script, (string Kind, int Line) outside, long started, CancellationToken ct)
    {
        var failed = await db.ExecuteStatementByStatementAsync(script, ct);
        await db.InsertAsync(Row(script, started, success: failed is null), ct);
        _rank++;
        if (failed is not null)
        {
            return (null, new ScriptFailure(script.FileName, DescribeOutsideTransaction(script, outside, failed)));
        }
        return (new AppliedScript(script.Version?.Text, script.Description, script.FileName, script.Phase, Stopwatch.GetElapsedTime(started)), null);
    }

    private HistoryRow Row(MigrationScript script, long started, bool success) => new(
        _rank, script.Version?.Text, script.Description, HistoryRow.SqlType, script.FileName, script.Checksum,
        options.InstalledBy ?? Environment.UserName, options.Time.GetUtcNow().UtcDateTime, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, success);

    private static string Describe(MigrationScript script, ScriptExecutionException e)
    {
        var where = e.Line is null ? "" : $" at line {e.Line}";
        var statement = e.Statement is null ? "" : $" ({SqlText.Excerpt(e.Statement)})";
        return $"{script.FileName} failed{where}{statement}: {e.Message}. The script was rolled back.";
    }

    private static string DescribeOutsideTransaction(MigrationScript script, (string Kind, int Line) outside, ScriptExecutionException e)
    {
        var where = e.Line is null ? "" : $" at line {e.Line}";
        var statement = e.Statement is null ? "" : $" ({SqlText.Excerpt(e.Statement)})";
        return $"{script.FileName} failed{where}{statement}: {e.Message}. The script ran outside a transaction, statement by statement, "
            + $"because of its {outside.Kind} at line {outside.Line}, which cannot run inside one: earlier statements of this script were NOT rolled back "
            + "and stay applied. Undo or complete them by hand (a failed CREATE INDEX CONCURRENTLY leaves an INVALID index to drop), then repair and migrate again.";
    }
}
