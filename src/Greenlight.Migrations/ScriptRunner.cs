using System.Data.Common;
using System.Diagnostics;
using Greenlight.Migrations.Databases;
using Greenlight.Migrations.History;
using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations;

/// <summary>
/// Applies one script and records it. Success: the script and its history row commit together. Failure: the
/// script is rolled back and the failed row is written afterwards, outside the rolled-back work. A PostgreSQL script
/// holding a statement that cannot run in a transaction (CREATE INDEX CONCURRENTLY, ...) or its own BEGIN/COMMIT runs
/// statement by statement in autocommit instead; its row is written after it, and a failure cannot roll back what it
/// committed before.
/// </summary>
internal sealed class ScriptRunner(MigrationDatabase db, MigratorOptions options, int firstRank)
{
    private int _rank = firstRank;
    private string? _installedBy = options.InstalledBy;

    public async Task<(AppliedScript? Applied, ScriptFailure? Failure)> RunAsync(MigrationScript script, CancellationToken ct)
    {
        // As Flyway: the database user, read once per run, unless the manifest names someone.
        _installedBy ??= (await db.SessionAsync(ct)).User;
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
            var located = await db.LocateFailureAsync(script, e, ct);
            await db.InsertAsync(Row(script, started, success: false), ct);
            _rank++;
            return (null, new ScriptFailure(script.FileName, Describe(script, located ?? new ScriptExecutionException(null, null, e)) + " The script was rolled back."));
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
    /// A script with a statement the database cannot run in a transaction, or with its own transaction control (as Flyway
    /// runs both): its statements run one by one in autocommit, its own BEGIN/COMMIT delimiting its transactions, and its
    /// history row is written once they all succeeded, or as failed at the first failure, when what it committed before
    /// stays and a transaction it left open is rolled back.
    /// </summary>
    private async Task<(AppliedScript? Applied, ScriptFailure? Failure)> RunOutsideTransactionAsync(
        MigrationScript script, OutsideTransaction outside, long started, CancellationToken ct)
    {
        var failed = await db.ExecuteStatementByStatementAsync(script, ct);
        // A block the script left open (failed, or never committed) is rolled back: the history row must not join it.
        var leftOpen = failed is null && outside.OwnTransactions && await db.TransactionLeftOpenAsync(ct);
        if (leftOpen || (failed is not null && outside.OwnTransactions))
        {
            await db.RollbackOpenTransactionAsync(ct);
        }
        await db.InsertAsync(Row(script, started, success: failed is null && !leftOpen), ct);
        _rank++;
        if (failed is not null)
        {
            return (null, new ScriptFailure(script.FileName, Describe(script, failed) + " " + NotRolledBack(outside)));
        }
        if (leftOpen)
        {
            return (null, new ScriptFailure(script.FileName, $"{script.FileName} ended inside a transaction it opened (a BEGIN with no COMMIT after it): "
                + "that transaction was rolled back rather than committed by Greenlight's history row. " + NotRolledBack(outside)));
        }
        return (new AppliedScript(script.Version?.Text, script.Description, script.FileName, script.Phase, Stopwatch.GetElapsedTime(started)), null);
    }

    private HistoryRow Row(MigrationScript script, long started, bool success) => new(
        _rank, script.Version?.Text, script.Description, HistoryRow.SqlType, script.FileName, script.Checksum,
        _installedBy!, null, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, success);

    private string Describe(MigrationScript script, ScriptExecutionException e) => $"{script.FileName} failed{db.Describe(e)}.";

    private static string NotRolledBack(OutsideTransaction outside) => outside.OwnTransactions
        ? $"The script controls its own transactions ({outside.Kind} at line {outside.Line}), so it ran statement by statement as it delimits them: "
            + "what it committed before the failure was NOT rolled back and stays applied; the transaction open at the failure was rolled back. "
            + "Undo or complete the committed part by hand, then repair and migrate again."
        : $"The script ran outside a transaction, statement by statement, because of its {outside.Kind} at line {outside.Line}, which cannot run "
            + "inside one: earlier statements of this script were NOT rolled back and stay applied. Undo or complete them by hand (a failed "
            + "CREATE INDEX CONCURRENTLY leaves an INVALID index to drop), then repair and migrate again.";
}
