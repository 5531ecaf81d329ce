using Greenlight.Migrations.Callbacks;
using Greenlight.Migrations.Databases;
using Greenlight.Migrations.History;
using Greenlight.Migrations.Placeholders;
using Greenlight.Migrations.Scripts;
using static Greenlight.Migrations.Callbacks.CallbackEvents;

namespace Greenlight.Migrations;

public sealed partial class Migrator
{
    /// <summary>
    /// Applies the pending scripts. Flyway runs beforeEachMigrate and afterEachMigrate inside the script's transaction;
    /// here each runs in its own, right before and after it, and afterEachMigrateError after the failed script's rollback
    /// (inside it, on PostgreSQL, it could not run at all).
    /// </summary>
    private async Task<MigrateResult> ApplyAsync(MigrationDatabase db, ScriptCatalog catalog, CallbackRunner callbacks, PhaseFilter filter, CancellationToken ct)
    {
        // Read after beforeMigrate, which may have changed it.
        var ledger = new Ledger(catalog, await db.ReadHistoryAsync(ct));
        var runner = new ScriptRunner(db, options, ledger.NextRank);
        var applied = new List<AppliedScript>();
        var versionedDone = false;
        foreach (var script in ledger.Pending(filter))
        {
            if (script.IsRepeatable && !versionedDone)
            {
                versionedDone = true;
                await callbacks.RunAsync(AfterVersioned, ct);
                await callbacks.RunAsync(BeforeRepeatables, ct);
            }
            await callbacks.RunAsync(BeforeEachMigrate, ct);
            var (done, failure) = await runner.RunAsync(script, ct);
            if (failure is not null)
            {
                LogFailed(failure.Script, failure.Message);
                await callbacks.RunAsync(AfterEachMigrateError, ct);
                return new MigrateResult(applied, failure);
            }
            applied.Add(done!);
            LogApplied(script.FileName, done!.Duration.TotalMilliseconds);
            await callbacks.RunAsync(AfterEachMigrate, ct);
        }
        if (!versionedDone)
        {
            await callbacks.RunAsync(AfterVersioned, ct);
        }
        return new MigrateResult(applied, null);
    }

    private async Task<IReadOnlyList<ValidationProblem>> ValidateAsync(MigrationDatabase db, ScriptCatalog catalog, CallbackRunner callbacks, CancellationToken ct)
    {
        await callbacks.RunAsync(BeforeValidate, ct);
        var problems = Validator.Validate(catalog, new Ledger(catalog, await db.ReadHistoryAsync(ct)), options.OutOfOrder);
        await callbacks.RunAsync(problems.Count == 0 ? AfterValidate : AfterValidateError, ct);
        return problems;
    }

    private async Task<IReadOnlyList<ValidationProblem>> ProblemsAsync(MigrationDatabase db, ScriptCatalog catalog, CancellationToken ct) =>
        Validator.Validate(catalog, new Ledger(catalog, await db.ReadHistoryAsync(ct)), options.OutOfOrder);

    /// <summary>The catalog with placeholders replaced; the run's values (user, database, schema, time) are read once.</summary>
    private async Task<(ScriptCatalog Catalog, DatabaseSession Session)> ResolveAsync(ScriptCatalog found, MigrationDatabase db, CancellationToken ct)
    {
        var session = await db.SessionAsync(ct);
        return (CatalogPlaceholders.Apply(found, PlaceholderReplacer.Create(options.Placeholders, session, options.HistoryTable, options.Time.GetUtcNow())), session);
    }

    /// <summary>
    /// An operation that does not apply scripts (status, baseline, repair) between its callbacks. It runs despite problems
    /// in the folder unless it has callbacks to run, which might be among the files with problems.
    /// </summary>
    private static async Task<T> AroundAsync<T>(MigrationDatabase db, ScriptCatalog catalog, string before, string after, string error, Func<Task<T>> body, CancellationToken ct)
    {
        var callbacks = new CallbackRunner(db, catalog.Callbacks);
        if (callbacks.Has(before) || callbacks.Has(after) || callbacks.Has(error))
        {
            RefuseProblems(catalog.Problems);
        }
        await callbacks.RunAsync(before, ct);
        T result;
        try
        {
            result = await body();
        }
        catch (Exception e) when (e is MigrationException or System.Data.Common.DbException)
        {
            await callbacks.RunAsync(error, ct);
            throw;
        }
        await callbacks.RunAsync(after, ct);
        return result;
    }

    private static void RefuseProblems(IReadOnlyList<ValidationProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new MigrationException("Validation failed:" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p.Message)));
        }
    }
}
