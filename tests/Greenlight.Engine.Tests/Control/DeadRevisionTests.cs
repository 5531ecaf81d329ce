using System.Diagnostics;
using Greenlight.Cli.Demo;
using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Control;
using Greenlight.Engine.Tests.Support;

namespace Greenlight.Engine.Tests.Control;

/// <summary>Revisions killed with SIGKILL under real load, at the instants that used to wedge the controller.</summary>
public sealed class DeadRevisionTests
{
    /// <summary>A canary at 20% whose analysis would run for minutes: only its death can end it early.</summary>
    private static AppManifest LongCanary(AppManifest m) => m with
    {
        Checks = [],
        Strategy = new StrategySpec(null, new CanarySpec(
            [new CanaryStep(CanaryStepKind.SetWeight, 20), new CanaryStep(CanaryStepKind.Analysis, Duration: TimeSpan.FromMinutes(5))],
            null, null, TimeSpan.Zero)),
    } with
    {
        Analysis = new AnalysisSpec(TimeSpan.FromMilliseconds(250), 3,
        [
            new MetricSpec("error-rate", MetricProviderKind.Edge, null, null, "errorRate",
                new Dictionary<string, string> { ["minCanaryRequests"] = "50", ["maxCanaryRequests"] = "1000000" }),
        ]),
    };

    [Fact]
    public async Task CanaryKilledDuringAnalysis_IsRolledBackAndLeavesTheRouteWithinASecond()
    {
        await using var h = await ReleaseHarness.StartAsync(LongCanary);
        await h.DeployAsync("1.0");
        await using var load = new LoadGenerator(h.Public.BaseAddress!, workers: 4, pause: TimeSpan.FromMilliseconds(1));
        load.Start();
        var release = await h.Controller.DeployAsync(new("2.0"), h.Cancellation);
        await h.Controller.WaitAsync(release.Id, r => r is { Phase: RolloutPhase.Stepping, StepIndex: 1 }, h.Cancellation);
        await load.WaitForAsync(l => l.ServedBy("2.0") > 20, TimeSpan.FromSeconds(30), h.Cancellation);

        await KillAsync(h, "2.0");
        var sinceDeath = Stopwatch.StartNew();
        await WaitUntilAsync(h, s => s.Route.All(b => b.Revision != "2.0"));
        var leftRoute = sinceDeath.Elapsed;
        var ended = await h.Controller.WaitAsync(release.Id, r => r.IsTerminal, h.Cancellation);

        Assert.True(leftRoute < TimeSpan.FromSeconds(1), $"the dead canary left the route after {leftRoute.TotalMilliseconds:0} ms");
        Assert.Equal(RolloutPhase.RolledBack, ended.Phase);
        Assert.Contains("2.0", ended.Reason);
        var (failed, served) = (load.Failed, load.ServedBy("1.0"));
        Assert.True(await load.WaitForAsync(l => l.ServedBy("1.0") > served + 200, TimeSpan.FromSeconds(30), h.Cancellation));
        await load.StopAsync();
        Assert.Equal(failed, load.Failed);
        Assert.Equal("1.0", await h.NextVersionAsync());
    }

    [Fact]
    public async Task ServingRevisionKilled_IsStartedAgainWhileTheWarmOneServes_AndRollbackStillWorks()
    {
        await using var h = await ReleaseHarness.StartAsync();
        await h.DeployAsync("1.0");
        var release = await h.DeployAsync("2.0");
        Assert.True(release.Phase == RolloutPhase.Warm, release.Reason);
        var oldPid = await KillAsync(h, "2.0");

        var replaced = await WaitUntilAsync(h, s => s.Serving == "2.0" && s.Revisions.Any(r => r is { Version: "2.0", Running: true } && r.Pid != oldPid));
        var repair = await RepairEndedAsync(h);

        Assert.Equal(RolloutPhase.Completed, repair.Phase);
        Assert.Equal("2.0", await h.NextVersionAsync());
        Assert.Contains(replaced.Revisions, r => r is { Version: "1.0", Role: "warm", Running: true });
        var log = (await h.Controller.GetEventsAsync(repair.Id, 0, h.Cancellation)).Select(e => e.Message).ToList();
        Assert.Contains("serving revision 2.0 died: starting it again; 1.0 (warm) takes the traffic meanwhile", log);

        await h.Controller.RollbackAsync(h.Cancellation);
        var back = await h.Controller.WaitAsync(release.Id, r => r.IsTerminal, h.Cancellation);

        Assert.Equal(RolloutPhase.RolledBack, back.Phase);
        Assert.Equal("1.0", await h.NextVersionAsync());
    }

    [Fact]
    public async Task RollbackWhileADeadServingRevisionIsBeingStartedAgain_ReturnsToTheWarmOne()
    {
        await using var h = await ReleaseHarness.StartAsync();
        await h.DeployAsync("1.0");
        var release = await h.DeployAsync("2.0");
        await KillAsync(h, "2.0");
        await WaitUntilAsync(h, s => s.Rollouts.Any(r => r.Repair));

        await h.Controller.RollbackAsync(h.Cancellation);
        var back = await h.Controller.WaitAsync(release.Id, r => r.IsTerminal, h.Cancellation);

        Assert.Equal(RolloutPhase.RolledBack, back.Phase);
        Assert.Equal("1.0", await h.NextVersionAsync());
        Assert.Single(h.RunningRevisions());
    }

    [Fact]
    public async Task OnlyRevisionKilled_IsStartedAgain()
    {
        await using var h = await ReleaseHarness.StartAsync();
        await h.DeployAsync("1.0");
        var oldPid = await KillAsync(h, "1.0");

        await WaitUntilAsync(h, s => s.Serving == "1.0" && s.Revisions.Any(r => r is { Version: "1.0", Running: true } && r.Pid != oldPid));
        // A running process is not yet a routed one: the request goes through once the repair has put it on the route.
        Assert.Equal(RolloutPhase.Completed, (await RepairEndedAsync(h)).Phase);

        Assert.Equal("1.0", await h.NextVersionAsync());
        Assert.Single(h.RunningRevisions());
    }

    [Fact]
    public async Task WarmRevisionKilled_RollbackIsRefusedWithTheReason_AndTheNextDeployProceeds()
    {
        await using var h = await ReleaseHarness.StartAsync();
        await h.DeployAsync("1.0");
        await h.DeployAsync("2.0");
        await KillAsync(h, "1.0");
        await WaitUntilAsync(h, s => s.Revisions.Any(r => r is { Version: "1.0", Role: "dead" }) && s.Rollouts.Any(r => r.StableLost is not null));

        var refused = await Assert.ThrowsAsync<ReleaseRejectedException>(() => h.Controller.RollbackAsync(h.Cancellation));
        Assert.StartsWith("cannot roll back to 1.0: it died (its process exited at ", refused.Message);

        var next = await h.DeployAsync("3.0");
        Assert.Equal(RolloutPhase.Warm, next.Phase);
        Assert.Equal("3.0", await h.NextVersionAsync());
    }

    /// <summary>SIGKILLs the revision's process, as the OOM killer would; returns its pid.</summary>
    private static async Task<int> KillAsync(ReleaseHarness h, string version)
    {
        var status = await h.Controller.StatusAsync(h.Cancellation);
        var pid = status.Revisions.Single(r => r.Version == version && r.Running).Pid;
        using var process = Process.GetProcessById(pid);
        process.Kill();
        await process.WaitForExitAsync(h.Cancellation);
        return pid;
    }

    /// <summary>The latest repair, once it has ended.</summary>
    private static async Task<Rollout> RepairEndedAsync(ReleaseHarness h)
    {
        var repair = (await h.Controller.HistoryAsync(10, h.Cancellation)).First(r => r.Repair);
        return await h.Controller.WaitAsync(repair.Id, r => r.IsTerminal, h.Cancellation);
    }

    private static async Task<StatusReport> WaitUntilAsync(ReleaseHarness h, Func<StatusReport, bool> condition)
    {
        while (true)
        {
            var status = await h.Controller.StatusAsync(h.Cancellation);
            if (condition(status))
                return status;
            await Task.Delay(TimeSpan.FromMilliseconds(20), h.Cancellation);
        }
    }
}
