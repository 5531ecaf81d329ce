using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Tests.Support;
using Greenlight.Migrations;

namespace Greenlight.Engine.Tests.Control;

/// <summary>Releases of an app with a database: expand before the new revision, contract only once the old one is gone.</summary>
public sealed class MigrationReleaseTests
{
    private static async Task<ReleaseHarness> WithDatabaseAsync(TimeSpan warmFor)
    {
        var h = await ReleaseHarness.StartAsync();
        var migrations = Directory.CreateDirectory(Path.Combine(h.Workspace, "migrations")).FullName;
        await File.WriteAllTextAsync(Path.Combine(migrations, "V1__items.sql"), "CREATE TABLE items (id INTEGER PRIMARY KEY);\nCREATE TABLE legacy (id INTEGER);\n");
        await h.ReconfigureAsync(m => m with
        {
            Strategy = new StrategySpec(new BlueGreenSpec(warmFor)),
            Database = new DatabaseSpec("sqlite", $"Data Source={Path.Combine(h.Workspace, "shop.db")}", null, migrations, "greenlight_schema_history", false),
        });
        return h;
    }

    private static async Task AddReleaseScriptsAsync(ReleaseHarness h)
    {
        var folder = h.Manifest.Database!.Migrations;
        await File.WriteAllTextAsync(Path.Combine(folder, "V2__price.sql"), "ALTER TABLE items ADD COLUMN price INTEGER NOT NULL DEFAULT 0;\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "V3__drop_legacy.sql"), "-- greenlight:phase=contract\nDROP TABLE legacy;\n");
    }

    private static async Task<MigrationState> StateOf(ReleaseHarness h, string script) =>
        (await h.Manifest.Database!.CreateMigrator().InfoAsync(h.Cancellation)).Single(s => s.Script == script).State;

    [Fact]
    public async Task Deploy_WithWarmPreviousRevision_ExpandsFirstAndKeepsContractPendingThroughARollback()
    {
        await using var h = await WithDatabaseAsync(TimeSpan.FromHours(24));
        await h.DeployAsync("1.0");
        await AddReleaseScriptsAsync(h);

        var release = await h.DeployAsync("2.0");
        var log = (await h.Controller.GetEventsAsync(release.Id, 0, h.Cancellation)).Select(e => e.Message).ToList();

        Assert.Equal(RolloutPhase.Warm, release.Phase);
        Assert.True(log.FindIndex(m => m.StartsWith("expand migrations applied: V2__price.sql", StringComparison.Ordinal))
            < log.FindIndex(m => m.StartsWith("revision 2.0 healthy", StringComparison.Ordinal)));
        Assert.Equal(MigrationState.Applied, await StateOf(h, "V2__price.sql"));
        Assert.Equal(MigrationState.Pending, await StateOf(h, "V3__drop_legacy.sql")); // 1.0 still runs
        var status = await h.Controller.StatusAsync(h.Cancellation);
        Assert.Contains(status.Schema!, m => m is { Script: "V3__drop_legacy.sql", State: MigrationState.Pending, Phase: Migrations.Lint.MigrationPhase.Contract });

        await h.Controller.RollbackAsync(h.Cancellation);
        Assert.Equal(RolloutPhase.RolledBack, (await h.Controller.WaitAsync(release.Id, r => r.IsTerminal, h.Cancellation)).Phase);
        Assert.Equal("1.0", await h.NextVersionAsync()); // the old revision serves on the expanded schema
        Assert.Equal(MigrationState.Pending, await StateOf(h, "V3__drop_legacy.sql"));
    }

    [Fact]
    public async Task Deploy_OldRevisionRetired_RunsContractScriptsOnlyAfterItStopped()
    {
        await using var h = await WithDatabaseAsync(TimeSpan.Zero);
        await h.DeployAsync("1.0");
        await AddReleaseScriptsAsync(h);

        var release = await h.DeployAsync("2.0");
        var log = (await h.Controller.GetEventsAsync(release.Id, 0, h.Cancellation)).Select(e => e.Message).ToList();

        Assert.Equal(RolloutPhase.Completed, release.Phase);
        Assert.True(log.FindIndex(m => m == "revision 1.0 stopped")
            < log.FindIndex(m => m.StartsWith("contract migrations applied: V3__drop_legacy.sql", StringComparison.Ordinal)));
        Assert.Equal(MigrationState.Applied, await StateOf(h, "V3__drop_legacy.sql"));
    }

    [Fact]
    public async Task Deploy_ExpandScriptThatBreaksTheServingRevision_FailsBeforeAnythingStarts()
    {
        await using var h = await WithDatabaseAsync(TimeSpan.FromHours(24));
        await h.DeployAsync("1.0");
        await File.WriteAllTextAsync(Path.Combine(h.Manifest.Database!.Migrations, "V2__rename.sql"), "ALTER TABLE items RENAME TO products;\n");

        var release = await h.DeployAsync("2.0");

        Assert.Equal(RolloutPhase.Failed, release.Phase);
        Assert.Contains("GL003", release.Reason);
        Assert.Equal(MigrationState.Pending, await StateOf(h, "V2__rename.sql"));
        Assert.Single(h.RunningRevisions());
        Assert.Equal("1.0", await h.NextVersionAsync());
    }
}
