using System.Diagnostics;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Control;
using Greenlight.Engine.State;
using Spectre.Console;

namespace Greenlight.Cli.Demo;

/// <summary>
/// The demo's script, played against live controllers under steady load: blue-green (1.0, then 2.0,
/// then a 2.1 whose health check fails, then a rollback to 1.0), then canaries judged on live
/// traffic (a 2.2 with raised errors pulled back on its own, a 3.0 promoted step by step).
/// </summary>
internal sealed class DemoScenario(Func<AppManifest, Task<ReleaseController>> start, LoadGenerator load, IAnsiConsole? console)
{
    private const string FaultyCanary = "2.2";
    private readonly List<DemoStep> _steps = [];
    private ReleaseController _controller = null!;

    public async Task<DemoSummary> PlayAsync(AppManifest blueGreen, AppManifest canary, CancellationToken ct)
    {
        _controller = await start(blueGreen);
        await ReleaseAsync("release 1.0 (first release)", "1.0", blueGreen, RolloutPhase.Completed, ct);
        load.Start();
        await WaitServedAsync("1.0", ct);
        var good = await ReleaseAsync("release 2.0 blue-green under load", "2.0", blueGreen, RolloutPhase.Warm, ct);
        var flipMs = good.Events.LastOrDefault(e => e.Message.StartsWith("traffic ", StringComparison.Ordinal))?.DurationMs ?? double.NaN;
        await WaitServedAsync("2.0", ct);
        await ReleaseAsync("release 2.1 (its health check fails)", "2.1", blueGreen, RolloutPhase.Failed, ct);
        var rollbackMs = await RollbackAsync(ct);
        await WaitServedAsync("1.0", ct);

        // The same app, now released with a manifest that says canary: each release runs on the manifest it brings.
        var faulty = await ReleaseAsync($"canary {FaultyCanary} (5% errors), judged live", FaultyCanary, canary, RolloutPhase.RolledBack, ct);
        var canaryRollbackMs = Between(faulty.Events, e => e.Message.StartsWith("Stepping -> RollingBack", StringComparison.Ordinal),
            e => e.Message == $"revision {FaultyCanary} drained");
        await ReleaseAsync("canary 3.0, promoted step by step", "3.0", canary, RolloutPhase.Completed, ct);
        await WaitServedAsync("3.0", ct);
        await load.StopAsync();

        var canaryErrors = load.FailedBy(FaultyCanary);
        return new DemoSummary(load.Requests, load.Failed - canaryErrors, canaryErrors, flipMs, rollbackMs, canaryRollbackMs,
            new Dictionary<string, long>(load.ByVersion), _steps, load.Failures.Where(f => !f.EndsWith($"from {FaultyCanary}", StringComparison.Ordinal)).ToList());
    }

    /// <summary>The controller the demo ends with, to stop what runs.</summary>
    public ReleaseController? Controller => _controller;

    private async Task<(Rollout Rollout, List<RolloutEvent> Events)> ReleaseAsync(
        string name, string version, AppManifest manifest, RolloutPhase expected, CancellationToken ct)
    {
        Heading(name);
        var watch = Stopwatch.StartNew();
        var rollout = await _controller.DeployAsync(new DeployRequest(version, Manifest: ManifestSnapshot.Of(manifest)), ct);
        var follower = new RolloutFollower(new ControllerSource(_controller), console, TimeProvider.System);
        var final = await follower.FollowAsync(rollout.Id, RolloutFollower.Serving, ct);
        Record(name, expected, final, watch);
        return (final, follower.Events);
    }

    /// <returns>From the request being recorded to the edge confirming the swap, in milliseconds.</returns>
    private async Task<double> RollbackAsync(CancellationToken ct)
    {
        const string name = "rollback to 1.0 on request";
        Heading(name);
        var watch = Stopwatch.StartNew();
        var accepted = await _controller.RollbackAsync(ct);
        var follower = new RolloutFollower(new ControllerSource(_controller), console, TimeProvider.System);
        var final = await follower.FollowAsync(accepted.Rollout.Id, RolloutFollower.Ended, ct, accepted.RequestEventId);
        Record(name, RolloutPhase.RolledBack, final, watch);
        return Between(follower.Events, e => e.Id == accepted.RequestEventId, e => e.Message.StartsWith("traffic ", StringComparison.Ordinal));
    }

    private static double Between(List<RolloutEvent> events, Func<RolloutEvent, bool> from, Func<RolloutEvent, bool> to)
    {
        var start = events.FirstOrDefault(from);
        var end = start is null ? null : events.FirstOrDefault(e => e.Id > start.Id && to(e));
        return start is null || end is null ? double.NaN : (end.At - start.At).TotalMilliseconds;
    }

    /// <summary>Users see the version: wait until the load has been answered by it a few times.</summary>
    private async Task WaitServedAsync(string version, CancellationToken ct)
    {
        var seen = load.ServedBy(version);
        await load.WaitForAsync(l => l.ServedBy(version) >= seen + 20, TimeSpan.FromSeconds(10), ct);
    }

    private void Record(string name, RolloutPhase expected, Rollout final, Stopwatch watch)
    {
        var ok = final.Phase == expected;
        _steps.Add(new DemoStep(name, expected.ToString(), final.Phase.ToString(), final.Reason ?? final.LastVerdict?.Summary, ok, watch.Elapsed.TotalSeconds));
        console?.MarkupLine(ok ? $"  [green]as expected: {final.Phase}[/]" : $"  [red]expected {expected}, got {final.Phase}[/]");
    }

    private void Heading(string name)
    {
        if (console is not null)
            Render.Heading(console, name);
    }
}
