using System.Data.Common;
using Greenlight.Migrations.Databases;

namespace Greenlight.Migrations.Callbacks;

/// <summary>
/// Runs an event's callbacks in file-name order, each in its own transaction as Flyway does (statement by statement in
/// autocommit when it holds a statement that cannot run in one). A failing callback stops the operation, named.
/// </summary>
internal sealed class CallbackRunner(MigrationDatabase db, IReadOnlyList<SqlCallback> callbacks)
{
    public bool Has(string callbackEvent) => callbacks.Any(c => c.Event == callbackEvent);

    public async Task RunAsync(string callbackEvent, CancellationToken ct)
    {
        foreach (var callback in callbacks.Where(c => c.Event == callbackEvent))
        {
            await RunOneAsync(callback, ct);
        }
    }

    private async Task RunOneAsync(SqlCallback callback, CancellationToken ct)
    {
        var script = callback.Script;
        if (db.NonTransactionalStatement(script) is { } outside)
        {
            var failed = await db.ExecuteStatementByStatementAsync(script, ct);
            // A block of its own BEGIN left open (failed, or never committed) is not committed by whatever runs next.
            if (outside.OwnTransactions && (failed is not null || await db.TransactionLeftOpenAsync(ct)))
            {
                await db.RollbackOpenTransactionAsync(ct);
            }
            if (failed is not null)
            {
                throw Failure(callback, failed, "it ran statement by statement, so what it committed before stays applied");
            }
            return;
        }
        try
        {
            await db.BeginAndExecuteScriptAsync(script, ct);
            await db.CommitAsync(ct);
        }
        catch (DbException e)
        {
            await db.RollbackScriptAsync(ct);
            throw Failure(callback, await db.LocateFailureAsync(script, e, ct) ?? new ScriptExecutionException(null, null, e), "it was rolled back");
        }
        catch
        {
            await db.RollbackScriptAsync(CancellationToken.None);
            throw;
        }
    }

    private MigrationException Failure(SqlCallback callback, ScriptExecutionException e, string outcome) =>
        new($"{callback.Script.FileName} ({callback.Event} callback) failed{db.Describe(e)}; {outcome}.", e);
}
