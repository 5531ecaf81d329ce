using System.Diagnostics;
using Greenlight.Cli.Demo;
using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Control;
using Greenlight.Engine.Tests.Support;

namespace Greenlight.Engine.Tests.Control;

/// <summary>Revisions of several instances (<c>run.instances</c>): real shop processes behind the real edge.</summary>
public sealed class InstanceTests
{
    /// <summary>The shop keeps its sessions in memory, per process: its checks keep the home page, which any instance
    /// answers alike (the login then cart steps would meet two processes through the edge).</summary>
    private static AppManifest ThreeInstances(AppManifest m) => m with
    {
        Run = m.Run with { Instances = 3 },
        Checks = [.. m.Checks.Select(c => c with { Steps = [c.Steps[0]] })],
    };

    [Fact]
    public async Task ThreeInstances_EachAnswersThroughTheEdge_ANewControllerAdoptsThem_AndRollbackAndStopLeaveNoProcess()
    {
        await using var h = await ReleaseHarness.StartAsync(ThreeInstances);
        var released = await h.DeployAsync("1.0");
        Assert.True(released.Phase == RolloutPhase.Completed, released.Reason);
        var first = await h.Controller.StatusAsync(h.Cancellation);
        var instances = Instances(first, "1.0");

        Assert.Equal([0, 1, 2], instances.Select(r => r.Instance));
        Assert.Equal(3, instances.Select(r => r.Pid).Distinct().Count());
        Assert.Equal(3, instances.Select(r => r.Port).Distinct().Count());
        var backend = Assert.Single(first.Route);
        Assert.Equal(100, backend.Weight);
        Assert.Equal(instances.Select(r => $"127.0.0.1:{r.Port}"), backend.Addresses.Select(a => a.Authority));
        Assert.Equal(instances.Select(r => $"{r.Pid}:{r.Port}").Order(), (await AnswerersAsync(h, 30)).Order());

        await h.RestartControllerAsync();
        var adopted = await h.Controller.StatusAsync(h.Cancellation);
        Assert.Equal(instances.Select(r => (r.Pid, r.Port)), Instances(adopted, "1.0").Select(r => (r.Pid, r.Port)));
        var second = await h.DeployAsync("2.0");
        Assert.True(second.Phase == RolloutPhase.Warm, second.Reason);
        Assert.Equal(6, h.RunningRevisions().Count);
        Assert.Equal(3, (await AnswerersAsync(h, 30)).Count);

        await h.Controller.RollbackAsync(h.Cancellation);
        var back = await h.Controller.WaitAsync(second.Id, r => r.IsTerminal, h.Cancellation);

        Assert.Equal(RolloutPhase.RolledBack, back.Phase);
        Assert.Equal(instances.Select(r => r.Pid).Order(), h.RunningRevisions().Order());
        Assert.Equal(instances.Select(r => $"{r.Pid}:{r.Port}").Order(), (await AnswerersAsync(h, 30)).Order());
        await h.Controller.StopAllRevisionsAsync(h.Cancellation);
        Assert.Empty(h.RunningRevisions());
    }

    [Fact]
    public async Task InstanceKilledUnderLoad_LeavesTheRouteAndIsStartedAgain_WhileTheOthersServeWithoutAFailure()
    {
        await using var h = await ReleaseHarness.StartAsync(ThreeInstances);
        var release = await h.DeployAsync("1.0");
        Assert.True(release.Phase == RolloutPhase.Completed, release.Reason);
        var before = Instances(await h.Controller.StatusAsync(h.Cancellation), "1.0");
        await using var load = new LoadGenerator(h.Public.BaseAddress!, workers: 4, pause: TimeSpan.FromMilliseconds(1));
        load.Start();
        Assert.True(await load.WaitForAsync(l => l.ServedBy("1.0") > 50, TimeSpan.FromSeconds(30), h.Cancellation));

        var victim = before.Single(r => r.Instance == 1);
        using (var process = Process.GetProcessById(victim.Pid))
        {
            process.Kill();
            await process.WaitForExitAsync(h.Cancellation);
        }
        var killed = Stopwatch.StartNew();
        await WaitUntilAsync(h, s => s.Route.Single().Addresses.Count == 2);
        var leftRoute = killed.Elapsed;
        // Requests that picked the dead instance before it left have failed by the time a few more were answered.
        var requests = load.Requests;
        Assert.True(await load.WaitForAsync(l => l.Requests > requests + 20, TimeSpan.FromSeconds(30), h.Cancellation));
        var failed = load.Failed;
        var after = await WaitUntilAsync(h, s => s.Route.Single().Addresses.Count == 3
            && s.Revisions.Any(r => r is { Version: "1.0", Instance: 1, Running: true } && r.Pid != victim.Pid));
        var served = load.ServedBy("1.0");
        Assert.True(await load.WaitForAsync(l => l.ServedBy("1.0") > served + 200, TimeSpan.FromSeconds(30), h.Cancellation));
        await load.StopAsync();

        Assert.True(leftRoute < TimeSpan.FromSeconds(2), $"the dead instance left the route after {leftRoute.TotalMilliseconds:0} ms");
        Assert.Equal(failed, load.Failed);
        var now = Instances(after, "1.0");
        Assert.Equal(before.Where(r => r.Instance != 1).Select(r => r.Pid), now.Where(r => r.Instance != 1).Select(r => r.Pid));
        var replacement = now.Single(r => r.Instance == 1);
        Assert.Contains($"{replacement.Pid}:{replacement.Port}", await AnswerersAsync(h, 30));
        var log = (await h.Controller.GetEventsAsync(release.Id, 0, h.Cancellation)).Select(e => e.Message).ToList();
        Assert.Contains(log, m => m.StartsWith($"instance 1.0#1 (pid {victim.Pid}, port {victim.Port}) died: its process exited", StringComparison.Ordinal));
        Assert.Contains($"instance 1.0#1 started again on port {replacement.Port} (pid {replacement.Pid}); it is back in the route", log);
        Assert.DoesNotContain((await h.Controller.HistoryAsync(10, h.Cancellation)), r => r.Repair);
    }

    /// <summary>The revision's running instances, in instance order.</summary>
    private static List<RevisionRow> Instances(StatusReport status, string version) =>
        [.. status.Revisions.Where(r => r.Version == version && r.Running).OrderBy(r => r.Instance)];

    /// <summary>The distinct processes (pid:port) that answered <paramref name="requests"/> requests through the edge.</summary>
    private static async Task<HashSet<string>> AnswerersAsync(ReleaseHarness h, int requests)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < requests; i++)
        {
            using var response = await h.Public.GetAsync("/", h.Cancellation);
            response.EnsureSuccessStatusCode();
            seen.Add(response.Headers.GetValues("X-Shop-Instance").Single());
        }
        return seen;
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
