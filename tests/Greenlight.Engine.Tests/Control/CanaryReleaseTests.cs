using Greenlight.Cli.Demo;
using Greenlight.Core.Analysis;
using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Tests.Support;

namespace Greenlight.Engine.Tests.Control;

/// <summary>Canaries of the real shop judged on the edge's own live metrics, under real load.</summary>
public sealed class CanaryReleaseTests
{
    /// <summary>A canary at 20% judged on its error rate, tuned to decide within a few hundred canary requests.
    /// No synthetic checks: the faulty version would fail them by chance before any canary step.</summary>
    private static AppManifest Canary(AppManifest m) => m with
    {
        Checks = [],
        Strategy = new StrategySpec(null, new CanarySpec(
            [
                new CanaryStep(CanaryStepKind.SetWeight, 20),
                new CanaryStep(CanaryStepKind.Analysis, Duration: TimeSpan.FromMinutes(1)),
                new CanaryStep(CanaryStepKind.SetWeight, 50),
                new CanaryStep(CanaryStepKind.Pause, Duration: TimeSpan.FromMilliseconds(200)),
            ], null, null, TimeSpan.Zero)),
    } with
    {
        Analysis = new AnalysisSpec(TimeSpan.FromMilliseconds(250), 3,
        [
            new MetricSpec("error-rate", MetricProviderKind.Edge, null, null, "errorRate",
                new Dictionary<string, string> { ["minCanaryRequests"] = "50", ["maxCanaryRequests"] = "400" }),
        ]),
    };

    [Fact]
    public async Task Deploy_CanaryWithRaisedErrorRate_IsRolledBackOnItsOwn()
    {
        await using var h = await ReleaseHarness.StartAsync(Canary);
        await h.DeployAsync("1.0");
        await using var load = new LoadGenerator(h.Public.BaseAddress!, workers: 4, pause: TimeSpan.FromMilliseconds(1));
        load.Start();

        var release = await h.DeployAsync("2.2"); // the shop's 2.2 answers 5% of requests with 500

        Assert.Equal(RolloutPhase.RolledBack, release.Phase);
        Assert.StartsWith("analysis failed: error-rate", release.Reason);
        // The verdict that pulled it back stays on the release, as fields.
        var verdict = Assert.Single(release.LastVerdict!.Metrics);
        Assert.Equal((Verdict.Fail, "errorRate"), (verdict.Outcome, verdict.Judge));
        Assert.True(verdict.Canary!.Errors > 0 && verdict.Canary.Rate > verdict.Stable!.Rate);
        Assert.True(verdict.Evidence!.Fail >= verdict.Evidence.FailBound);
        Assert.Equal(release.Reason, release.LastVerdict.FailureReason);
        Assert.Equal("1.0", await h.NextVersionAsync());
        Assert.Single(h.RunningRevisions());
        await load.StopAsync();
        Assert.All(load.Failures, f => Assert.Contains("from 2.2", f)); // only the canary's own errors
    }

    [Fact]
    public async Task Deploy_HealthyCanary_IsPromotedThroughItsSteps()
    {
        await using var h = await ReleaseHarness.StartAsync(Canary);
        await h.DeployAsync("1.0");
        await using var load = new LoadGenerator(h.Public.BaseAddress!, workers: 4, pause: TimeSpan.FromMilliseconds(1));
        load.Start();

        var release = await h.DeployAsync("2.0");
        await load.StopAsync();

        Assert.Equal(RolloutPhase.Completed, release.Phase);
        var log = (await h.Controller.GetEventsAsync(release.Id, 0, h.Cancellation)).Select(e => e.Message).ToList();
        Assert.Contains("step 1/4: setWeight 20%", log);
        // The look that passed is in the log right before the next step, as `deploy` and `watch` stream it.
        var next = log.FindIndex(m => m.StartsWith("step 3/4", StringComparison.Ordinal));
        Assert.Equal($"look {release.LastVerdict!.Look}: {release.LastVerdict.Summary}", log[next - 1]);
        Assert.StartsWith("error-rate Pass: ", release.LastVerdict.Summary);
        Assert.Contains(log, m => m.StartsWith("step 3/4: setWeight 50%", StringComparison.Ordinal));
        Assert.Contains(log, m => m.StartsWith("all 4 canary steps done", StringComparison.Ordinal));
        Assert.Equal("2.0", await h.NextVersionAsync());
        Assert.Single(h.RunningRevisions());
        Assert.Equal(0, load.Failed);
    }

    [Fact]
    public async Task Deploy_CanaryJudgedOnLatency_IsJudgedFromTheEndOfItsWarmUp()
    {
        await using var h = await ReleaseHarness.StartAsync(m => Canary(m) with
        {
            Analysis = new AnalysisSpec(TimeSpan.FromMilliseconds(250), 3,
            [
                new MetricSpec("latency", MetricProviderKind.Edge, null, null, "latency",
                    new Dictionary<string, string> { ["maxCanaryRequests"] = "300", ["warmupWindow"] = "20", ["warmupLooks"] = "2", ["maxWarmupRequests"] = "400" }),
            ]),
        });
        await h.DeployAsync("1.0");
        await using var load = new LoadGenerator(h.Public.BaseAddress!, workers: 4, pause: TimeSpan.FromMilliseconds(1));
        load.Start();

        var release = await h.DeployAsync("2.0");
        await load.StopAsync();

        // Healthy, but on a busy machine a cold canary may still lose: what is asserted is how it was judged.
        var log = (await h.Controller.GetEventsAsync(release.Id, 0, h.Cancellation)).Select(e => e.Message).ToList();
        Assert.Contains(log, m => m.Contains("latency Inconclusive: warming up: ", StringComparison.Ordinal));
        Assert.Matches(@"\((warm after \d+ canary requests: canary/stable median|warm-up ended at its maximum of 400 canary requests)", release.LastVerdict?.Summary ?? release.Reason);
    }

    [Fact]
    public async Task Abort_DuringAnIndefinitePause_SendsEveryoneBackToStable()
    {
        await using var h = await ReleaseHarness.StartAsync(m => Canary(m) with
        {
            Strategy = new StrategySpec(null, new CanarySpec([new CanaryStep(CanaryStepKind.SetWeight, 10), new CanaryStep(CanaryStepKind.Pause)], null, null, TimeSpan.Zero)),
        });
        await h.DeployAsync("1.0");
        var release = await h.Controller.DeployAsync(new("2.0"), h.Cancellation);
        await h.Controller.WaitAsync(release.Id, r => r is { Phase: RolloutPhase.Stepping, StepIndex: 1 }, h.Cancellation);

        await h.Controller.AbortAsync(null, h.Cancellation);
        var ended = await h.Controller.WaitAsync(release.Id, r => r.IsTerminal, h.Cancellation);

        Assert.Equal(RolloutPhase.RolledBack, ended.Phase);
        Assert.Equal("aborted by user", ended.Reason);
        Assert.Equal("1.0", await h.NextVersionAsync());
    }

    [Fact]
    public async Task Promote_DuringAnIndefinitePause_PromotesTo100()
    {
        await using var h = await ReleaseHarness.StartAsync(m => Canary(m) with
        {
            Strategy = new StrategySpec(null, new CanarySpec([new CanaryStep(CanaryStepKind.SetWeight, 10), new CanaryStep(CanaryStepKind.Pause)], null, null, TimeSpan.Zero)),
        });
        await h.DeployAsync("1.0");
        var release = await h.Controller.DeployAsync(new("2.0"), h.Cancellation);
        await h.Controller.WaitAsync(release.Id, r => r is { Phase: RolloutPhase.Stepping, StepIndex: 1 }, h.Cancellation);

        await h.Controller.PromoteAsync(full: false, h.Cancellation);
        var ended = await h.Controller.WaitAsync(release.Id, r => r.IsTerminal, h.Cancellation);

        Assert.Equal(RolloutPhase.Completed, ended.Phase);
        Assert.Equal("2.0", await h.NextVersionAsync());
    }
}
