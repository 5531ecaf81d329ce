using System.Diagnostics;
using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Core.Secrets;
using Greenlight.Edge;
using Greenlight.Engine.Drift;
using Greenlight.Engine.Rollouts;
using Greenlight.Engine.State;
using Greenlight.Engine.Tests.Checks;
using Greenlight.Providers.Targets;
using Greenlight.Providers.Traffic.Edge;
using Greenlight.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Engine.Tests.Drift;

/// <summary>The periodic check on a clock that moves only when told: a finding is written once, not at every check.</summary>
public sealed class DriftMonitorTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly string _state = Directory.CreateTempSubdirectory("greenlight-drift-").FullName;
    private readonly ManualTimeProvider _time = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(1));

    [Fact]
    public async Task RevisionFoundDead_IsWrittenOnceAcrossChecks_ThenOnceWhenItIsOver()
    {
        var manifest = ManifestLoader.Load(RepoPaths.ShopManifest).GetOrThrow();
        var store = new SqliteStateStore(Path.Combine(_state, "state.db"), _time);
        await using var edge = await EdgeServer.StartAsync(new EdgeOptions { StateDirectory = Path.Combine(_state, "edge") });
        var ctx = new ReleaseContext(manifest, _state, store, DeploymentTargets.Create("process", TimeProvider.System, NullLoggerFactory.Instance),
            new EdgeConnection(edge.AdminAddress, edge.Token, Environment.ProcessId).CreateRouter(),
            new HttpClient(), _time, NullLogger.Instance, new SecretValues());
        var dead = await ExitedPidAsync();
        var revision = new RevisionRecord(manifest.App, "1.0", dead, 1, 0, "1.0.log", RevisionStatus.Running, _time.GetUtcNow());
        await store.SaveRevisionAsync(revision, _timeout.Token);
        var release = Rollout.Create("rl-1", manifest.App, "1.0", null, TimeSpan.Zero, _time.GetUtcNow()) with { Phase = RolloutPhase.Completed };
        await store.SaveRolloutAsync(release, [], _timeout.Token);
        var monitor = new DriftMonitor(ctx, () => [], (scan, _) => Task.FromResult(scan.Findings));
        using var stop = new CancellationTokenSource();
        var loop = monitor.RunAsync(Interval, stop.Token);

        await CheckedAtAsync(monitor, TimeSpan.Zero);
        await AdvanceToNextCheckAsync();
        var second = await CheckedAtAsync(monitor, Interval);

        Assert.Equal(DateTimeOffset.UnixEpoch, Assert.Single(second.Findings).Since);
        Assert.Empty(second.Unchecked);
        Assert.Equal([$"drift: revision 1.0 is not running: expected pid {dead} running (started 1970-01-01 00:00:00Z), found pid {dead} is not running"],
            await EventsAsync(store));

        await store.SaveRevisionAsync(revision with { Status = RevisionStatus.Stopped }, _timeout.Token);
        await AdvanceToNextCheckAsync();
        var third = await CheckedAtAsync(monitor, 2 * Interval);

        Assert.Empty(third.Findings);
        Assert.Equal("drift over: revision 1.0 is not running (found 1970-01-01 00:00:00Z)", (await EventsAsync(store))[^1]);
        Assert.Equal(2, (await EventsAsync(store)).Count);
        await stop.CancelAsync();
        await loop;
    }

    private async Task<List<string>> EventsAsync(IStateStore store) =>
        [.. (await store.GetEventsAsync("rl-1", 0, _timeout.Token)).Select(e => e.Message)];

    /// <summary>Moves the clock one interval on once the loop sleeps until then: a check's report is published before
    /// the loop starts its wait, and a clock moved in between would leave that wait an interval too late.</summary>
    private async Task AdvanceToNextCheckAsync()
    {
        while (!_time.HasTimerDueWithin(Interval))
            await Task.Delay(10, _timeout.Token);
        _time.Advance(Interval);
    }

    /// <summary>Waits for the check the clock made due: a condition, not a fixed sleep.</summary>
    private async Task<DriftReport> CheckedAtAsync(DriftMonitor monitor, TimeSpan at)
    {
        while (monitor.Latest is not { } report || report.CheckedAt != DateTimeOffset.UnixEpoch + at)
            await Task.Delay(10, _timeout.Token);
        return monitor.Latest;
    }

    private static async Task<int> ExitedPidAsync()
    {
        using var process = Process.Start("true")!;
        await process.WaitForExitAsync();
        return process.Id;
    }

    public void Dispose()
    {
        _timeout.Dispose();
        Directory.Delete(_state, recursive: true);
    }
}
