using Greenlight.Migrations.Databases;
using Greenlight.Migrations.History;
using Greenlight.Migrations.Scripts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Migrations;

/// <summary>Applies, validates, baselines and repairs a folder of Flyway-style scripts against one database.</summary>
public sealed partial class Migrator(MigratorOptions options, ILogger<Migrator>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<Migrator>.Instance;

    /// <summary>Validates, then applies the pending scripts the filter allows, stopping at the first failure.</summary>
    public async Task<MigrateResult> MigrateAsync(PhaseFilter? filter = null, CancellationToken ct = default)
    {
        var catalog = ScriptCatalog.Load(options.ScriptsFolder);
        await using var db = await DatabaseFactory.OpenAsync(options, ct);
        await using var held = await db.LockAsync(options.RunLockWait, options.Time, ct);
        await db.RefuseUnmanagedSchemaAsync(ct);
        await db.EnsureHistoryAsync(ct);
        var ledger = new Ledger(catalog, await db.ReadHistoryAsync(ct));
        var problems = Validator.Validate(catalog, ledger, options.OutOfOrder);
        if (problems.Count > 0)
        {
            throw new MigrationException("Validation failed:" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p.Message)));
        }
        var runner = new ScriptRunner(db, options, ledger.NextRank);
        var applied = new List<AppliedScript>();
        var pending = ledger.Pending(filter ?? PhaseFilter.All).ToList();
        db.CheckRunnable(pending);
        foreach (var script in pending)
        {
            var (done, failure) = await runner.RunAsync(script, ct);
            if (failure is not null)
            {
                LogFailed(failure.Script, failure.Message);
                return new MigrateResult(applied, failure);
            }
            applied.Add(done!);
            LogApplied(script.FileName, done!.Duration.TotalMilliseconds);
        }
        return new MigrateResult(applied, null);
    }

    public async Task<IReadOnlyList<MigrationStatus>> InfoAsync(CancellationToken ct = default)
    {
        var (catalog, ledger) = await ReadAsync(ct);
        return StatusReport.Build(catalog, ledger);
    }

    public async Task<ValidationResult> ValidateAsync(CancellationToken ct = default)
    {
        var (catalog, ledger) = await ReadAsync(ct);
        return new ValidationResult(Validator.Validate(catalog, ledger, options.OutOfOrder));
    }

    /// <summary>Marks an existing database as being at <paramref name="version"/>: scripts up to it are never applied.</summary>
    public async Task BaselineAsync(string version, CancellationToken ct = default)
    {
        var parsed = MigrationVersion.Parse(version);
        await using var db = await DatabaseFactory.OpenAsync(options, ct);
        await using var held = await db.LockAsync(options.RunLockWait, options.Time, ct);
        await db.EnsureHistoryAsync(ct);
        if ((await db.ReadHistoryAsync(ct)).Count > 0)
        {
            throw new MigrationException($"Cannot baseline {options.HistoryTable}: it already has entries.");
        }
        await db.InsertAsync(new HistoryRow(1, parsed.Text, HistoryRow.BaselineDescription, HistoryRow.BaselineType, HistoryRow.BaselineDescription,
            null, options.InstalledBy ?? (await db.SessionAsync(ct)).User, null, 0, true), ct);
    }

    /// <summary>Removes failed entries and takes the checksums on disk as the applied ones.</summary>
    public async Task<RepairResult> RepairAsync(CancellationToken ct = default)
    {
        var catalog = ScriptCatalog.Load(options.ScriptsFolder);
        await using var db = await DatabaseFactory.OpenAsync(options, ct);
        await using var held = await db.LockAsync(options.RunLockWait, options.Time, ct);
        await db.EnsureHistoryAsync(ct);
        var removed = await db.DeleteFailedAsync(ct);
        var ledger = new Ledger(catalog, await db.ReadHistoryAsync(ct));
        var realigned = 0;
        foreach (var script in catalog.Versioned)
        {
            if (ledger.Entry(script) is { IsBaseline: false } entry && entry.Checksum != script.Checksum)
            {
                await db.UpdateChecksumAsync(entry.InstalledRank, script.Checksum, ct);
                realigned++;
            }
        }
        return new RepairResult(removed, realigned);
    }

    private async Task<(ScriptCatalog, Ledger)> ReadAsync(CancellationToken ct)
    {
        var catalog = ScriptCatalog.Load(options.ScriptsFolder);
        await using var db = await DatabaseFactory.OpenAsync(options, ct);
        return (catalog, new Ledger(catalog, await db.ReadHistoryAsync(ct)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Script} in {Milliseconds:0} ms")]
    private partial void LogApplied(string script, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Migration stopped: {Script}: {Error}")]
    private partial void LogFailed(string script, string error);
}
