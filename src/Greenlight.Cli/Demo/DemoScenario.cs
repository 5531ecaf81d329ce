using System.Diagnostics;
using Greenlight.Cli.Client;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Control;
using Greenlight.Engine.State;
using Spectre.Console;

namespace Greenlight.Cli.Demo;

/// <summary>
/// The demo's script, played against a live controller: release 1.0, then 2.0 under load, then a
/// 2.1 whose health check fails, then a rollback to 1.0 — checking each outcome as it goes.
/// </summary>
internal sealed class DemoScenario(ReleaseController controller, LoadGenerator load, IAnsiConsole? console)
{
    private readonly List<DemoStep> _steps = [];
    private readonly ControllerSource _source = new(controller);
    private double _flipMs;
    private double _rollbackMs;

    public async Task<DemoSummary> PlayAsync(CancellationToken ct)
    {
        await ReleaseAsync("release 1.0 (first release)", "1.0", RolloutPhase.Completed, ct);
        load.Start();
        await WaitServedAsync("1.0", ct);
        var good = await ReleaseAsync("release 2.0 blue-green under load", "2.0", RolloutPhase.Warm, ct);
        _flipMs = good.Events.LastOrDefault(e => e.Message.StartsWith("traffic ", StringComparison.Ordinal))?.DurationMs ?? double.NaN;
        await WaitServedAsync("2.0", ct);
        await ReleaseAsync("release 2.1 (its health check fails)", "2.1", RolloutPhase.Failed, ct);
        await RollbackAsync(ct);
        await WaitServedAsync("1.0", ct);
        await load.StopAsync();
        return new DemoSummary(load.Requests, load.Failed, _flipMs, _rollbackMs,
            new Dictionary<string, long>(load.ByVersion), _steps, load.Failures.ToList());
    }

    private async Task<(Rollout Rollout, List<RolloutEvent> Events)> ReleaseAsync(string name, string version, RolloutPhase expected, CancellationToken ct)
    {
        Heading(name);
        var watch = Stopwatch.StartNew();
        var rollout = await controller.DeployAsync(version, ct);
        var follower = new RolloutFollower(_source, console, TimeProvider.System);
        var final = await follower.FollowAsync(rollout.Id, RolloutFollower.Serving, ct);
        Record(name, expected, final, watch);
        return (final, follower.Events);
    }

    private async Task RollbackAsync(CancellationToken ct)
    {
        const string name = "rollback to 1.0 on request";
        Heading(name);
        var watch = Stopwatch.StartNew();
        var accepted = await controller.RollbackAsync(ct);
        var follower = new RolloutFollower(_source, console, TimeProvider.System);
        var final = await follower.FollowAsync(accepted.Rollout.Id, RolloutFollower.Ended, ct, accepted.RequestEventId);
        Record(name, RolloutPhase.RolledBack, final, watch);
        // From the request being recorded to the edge confirming the swap.
        var requested = follower.Events[0];
        var swapped = follower.Events.FirstOrDefault(e => e.Message.StartsWith("traffic ", StringComparison.Ordinal));
        _rollbackMs = swapped is null ? double.NaN : (swapped.At - requested.At).TotalMilliseconds;
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
        _steps.Add(new DemoStep(name, expected.ToString(), final.Phase + (final.Reason is null ? "" : $": {final.Reason}"), ok, watch.Elapsed.TotalSeconds));
        console?.MarkupLine(ok ? $"  [green]as expected: {final.Phase}[/]" : $"  [red]expected {expected}, got {final.Phase}[/]");
    }

    private void Heading(string name) => console?.Write(new Rule($"[bold]{Markup.Escape(name)}[/]").LeftJustified());
}
