using Greenlight.Migrations.Callbacks;
using Greenlight.Migrations.Databases;
using Greenlight.Migrations.History;
using Greenlight.Migrations.Scripts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static Greenlight.Migrations.Callbacks.CallbackEvents;

namespace Greenlight.Migrations;

/// <summary>
/// Applies, validates, baselines and repairs a folder of Flyway-style scripts against one database, running Flyway's
/// SQL callbacks at the points Flyway does.
/// </summary>
public sealed partial class Migrator(MigratorOptions options, ILogger<Migrator>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<Migrator>.Instance;

    /// <summary>Validates, then applies the pending scripts the filter allows, stopping at the first failure.</summary>
    public async Task<MigrateResult> MigrateAsync(PhaseFilter? filter = null, CancellationToken ct = default)
    {
        var found = ScriptCatalog.Load(options.ScriptsFolder);
        await using var db = await DatabaseFactory.OpenAsync(options, ct);
        await using var held = await db.LockAsync(options.RunLockWait, options.Time, ct);
        // Names, encodings and placeholders are checked before anything of the run runs, callbacks included.
        var (catalog, _) = await ResolveAsync(found, db, ct);
        if (catalog.Problems.Count > 0)
        {
            RefuseProblems(await ProblemsAsync(db, catalog, ct));
        }
        await db.RefuseUnmanagedSchemaAsync(ct);
        await db.EnsureHistoryAsync(ct);
        var callbacks = new CallbackRunner(db, catalog.Callbacks);
        RefuseProblems(await ValidateAsync(db, catalog, callbacks, ct));
        db.CheckRunnable([.. new Ledger(catalog, await db.ReadHistoryAsync(ct)).Pending(filter ?? PhaseFilter.All), .. catalog.Callbacks.Select(c => c.Script)]);
        await callbacks.RunAsync(BeforeMigrate, ct);
        MigrateResult result;
        try
        {
            result = await ApplyAsync(db, catalog, callbacks, filter ?? PhaseFilter.All, ct);
        }
        catch (MigrationException)
        {
            await callbacks.RunAsync(AfterMigrateError, ct);
            throw;
        }
        if (!result.Succeeded)
        {
            await callbacks.RunAsync(AfterMigrateError, ct);
            return result;
        }
        if (result.Applied.Count > 0)
        {
            await callbacks.RunAsync(AfterMigrateApplied, ct);
        }
        await callbacks.RunAsync(AfterMigrate, ct);
        return result;
    }

    /// <summary>Flyway's info: the status of every script, between the beforeInfo and afterInfo callbacks.</summary>
    public Task<IReadOnlyList<MigrationStatus>> InfoAsync(CancellationToken ct = default) => StatusAsync(callbacks: true, ct);

    /// <summary>The same report without running callbacks: for the controller's status and for finding what a migrate
    /// will apply, which must not fire a user's info callbacks (they may write) each time they look.</summary>
    public Task<IReadOnlyList<MigrationStatus>> ReadStatusAsync(CancellationToken ct = default) => StatusAsync(callbacks: false, ct);

    private async Task<IReadOnlyList<MigrationStatus>> StatusAsync(bool callbacks, CancellationToken ct)
    {
        var found = ScriptCatalog.Load(options.ScriptsFolder);
        await using var db = await DatabaseFactory.OpenAsync(options, ct);
        var (catalog, _) = await ResolveAsync(found, db, ct);
        async Task<IReadOnlyList<MigrationStatus>> Read() => StatusReport.Build(catalog, new Ledger(catalog, await db.ReadHistoryAsync(ct)));
        return callbacks ? await AroundAsync(db, catalog, BeforeInfo, AfterInfo, AfterInfoError, Read, ct) : await Read();
    }

    public async Task<ValidationResult> ValidateAsync(CancellationToken ct = default)
    {
        var found = ScriptCatalog.Load(options.ScriptsFolder);
        await using var db = await DatabaseFactory.OpenAsync(options, ct);
        var (catalog, _) = await ResolveAsync(found, db, ct);
        // With problems in the folder, the history is still compared (every problem at once), but no callback runs.
        return new ValidationResult(catalog.Problems.Count > 0
            ? await ProblemsAsync(db, catalog, ct)
            : await ValidateAsync(db, catalog, new CallbackRunner(db, catalog.Callbacks), ct));
    }

    /// <summary>Marks an existing database as being at <paramref name="version"/>: scripts up to it are never applied.</summary>
    public async Task BaselineAsync(string version, CancellationToken ct = default)
    {
        var parsed = MigrationVersion.Parse(version);
        var found = ScriptCatalog.Load(options.ScriptsFolder);
        await using var db = await DatabaseFactory.OpenAsync(options, ct);
        await using var held = await db.LockAsync(options.RunLockWait, options.Time, ct);
        var (catalog, _) = await ResolveAsync(found, db, ct);
        await AroundAsync(db, catalog, BeforeBaseline, AfterBaseline, AfterBaselineError, async () =>
        {
            await db.EnsureHistoryAsync(ct);
            // Flyway's schema-creation marker alone still lets a baseline in.
            if ((await db.ReadHistoryAsync(ct)).Any(r => r.Type != RowTypes.Schema))
            {
                throw new MigrationException($"Cannot baseline {options.HistoryTable}: it already has entries.");
            }
            await db.InsertAsync(new HistoryRow(1, parsed.Text, HistoryRow.BaselineDescription, HistoryRow.BaselineType, HistoryRow.BaselineDescription,
                null, options.InstalledBy ?? (await db.SessionAsync(ct)).User, null, 0, true), ct);
            return true;
        }, ct);
    }

    /// <summary>
    /// Removes failed entries, marks applied migrations missing from disk as deleted (a DELETE row, as Flyway 9+ does),
    /// and takes the checksums and descriptions on disk as the applied ones.
    /// </summary>
    public async Task<RepairResult> RepairAsync(CancellationToken ct = default)
    {
        var found = ScriptCatalog.Load(options.ScriptsFolder);
        await using var db = await DatabaseFactory.OpenAsync(options, ct);
        await using var held = await db.LockAsync(options.RunLockWait, options.Time, ct);
        var (catalog, session) = await ResolveAsync(found, db, ct);
        // A script that could not be read would look missing, and be marked deleted.
        RefuseProblems(catalog.Problems);
        return await AroundAsync(db, catalog, BeforeRepair, AfterRepair, AfterRepairError, async () =>
        {
            await db.EnsureHistoryAsync(ct);
            var removed = await db.DeleteFailedAsync(ct);
            var ledger = new Ledger(catalog, await db.ReadHistoryAsync(ct));
            var deleted = await Repair.MarkMissingDeletedAsync(db, ledger, options.InstalledBy ?? session.User, ct);
            var realigned = await Repair.RealignAsync(db, catalog, ledger, ct);
            return new RepairResult(removed, realigned) { MarkedDeleted = deleted };
        }, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Script} in {Milliseconds:0} ms")]
    private partial void LogApplied(string script, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Migration stopped: {Script}: {Error}")]
    private partial void LogFailed(string script, string error);
}
