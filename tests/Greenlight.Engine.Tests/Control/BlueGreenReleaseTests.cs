using Greenlight.Cli.Demo;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Control;
using Greenlight.Engine.Tests.Support;

namespace Greenlight.Engine.Tests.Control;

/// <summary>Real releases of the sample shop: real processes, real HTTP through the real edge.</summary>
public sealed class BlueGreenReleaseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Deploy_UnderLoad_FlipsToNewVersionWithoutLosingARequest()
    {
        await using var h = await ReleaseHarness.StartAsync();
        Assert.Equal(RolloutPhase.Completed, (await h.DeployAsync("1.0")).Phase);
        Assert.Equal("1.0", await h.NextVersionAsync());

        await using var load = new LoadGenerator(h.Public.BaseAddress!, workers: 4, pause: TimeSpan.FromMilliseconds(2));
        load.Start();
        Assert.True(await load.WaitForAsync(l => l.Requests >= 50, Patience, h.Cancellation));
        var release = await h.DeployAsync("2.0");
        Assert.True(await load.WaitForAsync(l => l.ServedBy("2.0") >= 50, Patience, h.Cancellation));
        await load.StopAsync();

        Assert.Equal(RolloutPhase.Warm, release.Phase);
        Assert.Equal("1.0", release.Stable);
        Assert.Equal("2.0", await h.NextVersionAsync());
        Assert.Equal(0, load.Failed);
        Assert.Equal(2, h.RunningRevisions().Count); // 2.0 serving, 1.0 warm
    }

    [Fact]
    public async Task Rollback_WhileWarm_NextRequestIsServedByThePreviousVersion()
    {
        await using var h = await ReleaseHarness.StartAsync();
        await h.DeployAsync("1.0");
        var release = await h.DeployAsync("2.0");

        var accepted = await h.Controller.RollbackAsync(h.Cancellation);
        Assert.Equal(release.Id, accepted.Rollout.Id);
        var back = await h.Controller.WaitAsync(release.Id, r => r.IsTerminal, h.Cancellation);

        Assert.Equal(RolloutPhase.RolledBack, back.Phase);
        Assert.Equal("1.0", await h.NextVersionAsync());
        Assert.Single(h.RunningRevisions());
        var events = await h.Controller.GetEventsAsync(release.Id, 0, h.Cancellation);
        Assert.Contains(events, e => e.Message == "traffic 1.0=100%, 2.0=0%");
    }

    [Fact]
    public async Task Deploy_VersionWhoseHealthCheckFails_FailsAndThePreviousVersionKeepsServing()
    {
        await using var h = await ReleaseHarness.StartAsync();
        await h.DeployAsync("2.0");

        var failed = await h.DeployAsync("2.1");

        Assert.Equal(RolloutPhase.Failed, failed.Phase);
        Assert.Contains("503", failed.Reason);
        Assert.Equal("2.0", await h.NextVersionAsync());
        Assert.Single(h.RunningRevisions());
    }

    [Fact]
    public async Task Deploy_WhileAnotherReleaseRuns_WaitsInTheQueueThenReleasesOnWhatServes()
    {
        await using var h = await ReleaseHarness.StartAsync();
        var first = await h.Controller.DeployAsync(new("1.0"), h.Cancellation);

        var second = await h.Controller.DeployAsync(new("2.0"), h.Cancellation);

        // 1.0 needs hundreds of milliseconds to start its process: 2.0 is still waiting for it.
        Assert.Equal(RolloutPhase.Queued, (await h.Controller.GetRolloutAsync(second.Id, h.Cancellation))!.Phase);
        await h.Controller.WaitAsync(first.Id, r => r.IsSettled, h.Cancellation);
        var released = await h.Controller.WaitAsync(second.Id, r => r.IsSettled, h.Cancellation);
        Assert.Equal(RolloutPhase.Warm, released.Phase);
        Assert.Equal("1.0", released.Stable);
        Assert.Equal("2.0", await h.NextVersionAsync());
    }

    [Fact]
    public async Task Deploy_VersionAlreadyBeingReleased_IsRejectedWithTheRollout()
    {
        await using var h = await ReleaseHarness.StartAsync();
        var first = await h.Controller.DeployAsync(new("1.0"), h.Cancellation);

        var e = await Assert.ThrowsAsync<ReleaseRejectedException>(() => h.Controller.DeployAsync(new("1.0"), h.Cancellation));

        Assert.Equal(RejectionKind.Conflict, e.Kind);
        Assert.Contains(first.Id, e.Message);
        await h.Controller.WaitAsync(first.Id, r => r.IsSettled, h.Cancellation);
    }

    [Theory]
    [InlineData("../etc")]
    // A pattern ending in $ would match before the final newline, which then reaches a log file name and an environment value.
    [InlineData("8.0\n")]
    public async Task Deploy_MalformedVersion_IsRejectedAsInvalid(string version)
    {
        await using var h = await ReleaseHarness.StartAsync();
        var e = await Assert.ThrowsAsync<ReleaseRejectedException>(() => h.Controller.DeployAsync(new(version), h.Cancellation));
        Assert.Equal(RejectionKind.Invalid, e.Kind);
    }

    [Fact]
    public async Task Rollback_WithNothingWarm_IsRejected()
    {
        await using var h = await ReleaseHarness.StartAsync();
        await h.DeployAsync("1.0");
        var e = await Assert.ThrowsAsync<ReleaseRejectedException>(() => h.Controller.RollbackAsync(h.Cancellation));
        Assert.Contains("nothing to roll back", e.Message);
    }

    [Fact]
    public async Task Deploy_ThirdRelease_RetiresTheOldWarmRevision()
    {
        await using var h = await ReleaseHarness.StartAsync();
        await h.DeployAsync("1.0");
        var second = await h.DeployAsync("2.0");
        await h.DeployAsync("3.0");

        var superseded = await h.Controller.WaitAsync(second.Id, r => r.IsTerminal, h.Cancellation);

        Assert.Equal(RolloutPhase.Completed, superseded.Phase);
        Assert.Equal(2, h.RunningRevisions().Count); // 3.0 serving, 2.0 warm
        Assert.Equal("3.0", await h.NextVersionAsync());
    }
}
