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
        if (db.NonTransactionalStatement(script) is not null)
        {
            if (await db.ExecuteStatementByStatementAsync(script, ct) is { } failed)
            {
                throw Failure(callback, failed, "it ran statement by statement, so its earlier statements stay applied");
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
            throw Failure(callback, await db.LocateFailureAsync(script, ct) ?? new ScriptExecutionException(null, null, e), "it was rolled back");
        }
        catch
        {
            await db.RollbackScriptAsync(CancellationToken.None);
            throw;
        }
    }

    private static MigrationException Failure(SqlCallback callback, ScriptExecutionException e, string outcome)
    {
        var where = e.Line is null ? "" : $" at line {e.Line}";
        var statement = e.Statement is null ? "" : $" ({SqlText.Excerpt(e.Statement)})";
        return new MigrationException($"{callback.Script.FileName} ({callback.Event} callback) failed{where}{statement}: {e.Message}; {outcome}.", e);
    }
}
