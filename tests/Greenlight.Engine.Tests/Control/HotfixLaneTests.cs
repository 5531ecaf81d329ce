using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Tests.Support;

namespace Greenlight.Engine.Tests.Control;

/// <summary>One release at a time owns the app; a hotfix passes the same gates but goes before every waiting release.</summary>
public sealed class HotfixLaneTests
{
    /// <summary>Each release holds the lane in an indefinite pause until the test promotes it.</summary>
    private static AppManifest Paused(AppManifest m) => m with
    {
        Checks = [],
        Strategy = new StrategySpec(null, new CanarySpec([new CanaryStep(CanaryStepKind.SetWeight, 10), new CanaryStep(CanaryStepKind.Pause)], null, null, TimeSpan.Zero)),
    };

    [Fact]
    public async Task Deploy_Hotfix_JumpsTheQueueOfWaitingReleasesAndIsMarkedInHistory()
    {
        await using var h = await ReleaseHarness.StartAsync(Paused);
        await h.DeployAsync("1.0");
        var holding = await h.Controller.DeployAsync(new("2.0"), h.Cancellation);
        await h.Controller.WaitAsync(holding.Id, r => r is { Phase: RolloutPhase.Stepping, StepIndex: 1 }, h.Cancellation);
        var waiting = await h.Controller.DeployAsync(new("3.0"), h.Cancellation);
        var hotfix = await h.Controller.DeployAsync(new("2.0.1", Hotfix: true), h.Cancellation);
        Assert.Equal(RolloutPhase.Queued, (await h.Controller.GetRolloutAsync(waiting.Id, h.Cancellation))!.Phase);
        Assert.Equal(RolloutPhase.Queued, hotfix.Phase);

        await h.Controller.PromoteAsync(full: true, h.Cancellation);

        var hotfixRunning = await h.Controller.WaitAsync(hotfix.Id, r => r is { Phase: RolloutPhase.Stepping, StepIndex: 1 }, h.Cancellation);
        Assert.Equal("2.0", hotfixRunning.Stable);
        Assert.Equal(RolloutPhase.Queued, (await h.Controller.GetRolloutAsync(waiting.Id, h.Cancellation))!.Phase);

        await h.Controller.PromoteAsync(full: true, h.Cancellation);
        var next = await h.Controller.WaitAsync(waiting.Id, r => r is { Phase: RolloutPhase.Stepping, StepIndex: 1 }, h.Cancellation);
        Assert.Equal("2.0.1", next.Stable);
        await h.Controller.PromoteAsync(full: true, h.Cancellation);
        await h.Controller.WaitAsync(waiting.Id, r => r.IsTerminal, h.Cancellation);

        var history = await h.Controller.HistoryAsync(10, h.Cancellation);
        // History lists releases as requested, newest first; the hotfix was asked for last and released before 3.0.
        Assert.Equal([("2.0.1", true), ("3.0", false), ("2.0", false), ("1.0", false)], history.Select(r => (r.Version, r.Hotfix)));
        Assert.Equal("3.0", await h.NextVersionAsync());
    }

    [Fact]
    public async Task Abort_OfAQueuedRelease_EndsItWithoutTouchingTheOneInProgress()
    {
        await using var h = await ReleaseHarness.StartAsync(Paused);
        await h.DeployAsync("1.0");
        var holding = await h.Controller.DeployAsync(new("2.0"), h.Cancellation);
        var waiting = await h.Controller.DeployAsync(new("3.0"), h.Cancellation);

        await h.Controller.AbortAsync(waiting.Id, h.Cancellation);

        var aborted = await h.Controller.WaitAsync(waiting.Id, r => r.IsTerminal, h.Cancellation);
        Assert.Equal(RolloutPhase.Failed, aborted.Phase);
        Assert.Equal("aborted: aborted by user", aborted.Reason);
        Assert.False((await h.Controller.GetRolloutAsync(holding.Id, h.Cancellation))!.IsTerminal);
    }
}
