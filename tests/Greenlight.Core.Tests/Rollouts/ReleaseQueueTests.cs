using Greenlight.Core.Rollouts;
using static Greenlight.Core.Rollouts.RolloutPhase;

namespace Greenlight.Core.Tests.Rollouts;

public sealed class ReleaseQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static Rollout R(string version, RolloutPhase phase, int minute, bool hotfix = false) =>
        Rollout.Create($"rl-{version}", "shop", version, null, TimeSpan.Zero, T0.AddMinutes(minute)) with { Phase = phase, Hotfix = hotfix };

    [Fact]
    public void Next_LaneTaken_IsNobody() =>
        Assert.Null(ReleaseQueue.Next([R("1.0", Stepping, 0), R("2.0", Queued, 1)]));

    [Fact]
    public void Next_LaneFree_IsTheOldestWaiting() =>
        Assert.Equal("2.0", ReleaseQueue.Next([R("3.0", Queued, 2), R("2.0", Queued, 1), R("1.0", Warm, 0)])?.Version);

    [Fact]
    public void Next_HotfixWaiting_JumpsAheadOfOlderReleases() =>
        Assert.Equal("2.0.1", ReleaseQueue.Next([R("2.0", Queued, 1), R("2.1", Queued, 2), R("2.0.1", Queued, 3, hotfix: true)])?.Version);

    [Fact]
    public void Next_HotfixStillInItsPipeline_DoesNotHoldUpTheQueue() =>
        Assert.Equal("2.0", ReleaseQueue.Next([R("2.0", Queued, 1), R("2.0.1", Gating, 3, hotfix: true)])?.Version);

    [Fact]
    public void Next_HotfixDoesNotInterruptTheReleaseInProgress() =>
        Assert.Null(ReleaseQueue.Next([R("2.0", Confirming, 1), R("2.0.1", Queued, 3, hotfix: true)]));
}
