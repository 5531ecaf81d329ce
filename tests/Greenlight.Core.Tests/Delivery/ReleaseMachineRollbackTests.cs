using Greenlight.Core.Delivery;
using static Greenlight.Core.Tests.Delivery.DeliveryManifests;

namespace Greenlight.Core.Tests.Delivery;

/// <summary>`greenlight rollback` of a release that ended with regions on its revision.</summary>
public sealed class ReleaseMachineRollbackTests
{
    [Fact]
    public void Decide_RollbackOfAHaltedRelease_ReturnsTheRegionsThatServeIt_AndRecordsTheReason()
    {
        var halted = new ReleaseRun(StagingThenProduction(production: "onFailure: halt")).Start();
        halted.Completed("staging", "local");
        halted.Tick(TimeSpan.FromMinutes(2));
        halted.RolledBack("production", "one-box", "error rate 5.1% vs 1.0%");
        Assert.Equal(ReleasePhase.Halted, halted.State.Phase);

        halted.Send(new ReleaseObservation.RollbackRequested("carts broken", ["staging/local"]));

        Assert.Null(halted.Last.Refused);
        Assert.Equal(["staging/local"], halted.RolledBackNow);
        Assert.Equal(ReleasePhase.RollingBack, halted.State.Phase);
        halted.Back("staging", "local");
        Assert.Equal(ReleasePhase.RolledBack, halted.State.Phase);
        Assert.Equal(RegionPhase.RolledBack, halted.Region("staging", "local").Phase);
        Assert.StartsWith("rolled back on request: carts broken (it had halted: production: wave 1/3 failed", halted.State.Reason);
    }

    [Fact]
    public void Decide_RollbackOfAFailedRelease_RetriesTheRegionThatCouldNotGoBack()
    {
        var run = new ReleaseRun(StagingThenProduction()).Start();
        run.Completed("staging", "local");
        run.Tick(TimeSpan.FromMinutes(2));
        run.Completed("production", "one-box");
        run.Tick(TimeSpan.FromMinutes(5));
        run.RolledBack("production", "eu-west", "not healthy");
        run.Send(new ReleaseObservation.RegionRollbackFailed("production", "one-box", "the edge did not answer"));
        run.Back("production", "us-east");
        Assert.Equal(ReleasePhase.Failed, run.State.Phase);

        run.Send(new ReleaseObservation.RollbackRequested("edge is back", ["production/one-box"]));
        Assert.Equal(["production/one-box"], run.RolledBackNow);
        run.Back("production", "one-box");

        Assert.Equal(ReleasePhase.RolledBack, run.State.Phase);
        Assert.Equal(StagePhase.RolledBack, run.Stage("production").Phase);
    }

    [Theory]
    [InlineData(false, "release r1 is Running: `greenlight abort r1` stops it and returns its regions to the previous revision")]
    [InlineData(true, "release r1 is Halted and no region of it serves 2.0 any more: nothing is left to roll back")]
    public void Decide_RollbackOfARunningReleaseOrOfOneWithNothingLeft_IsRefusedAndChangesNothing(bool halt, string refusal)
    {
        var run = new ReleaseRun(StagingThenProduction(production: "onFailure: halt")).Start();
        run.Completed("staging", "local");
        run.Tick(TimeSpan.FromMinutes(2));
        if (halt)
            run.RolledBack("production", "one-box", "not healthy");
        var before = run.State;

        var d = run.Send(new ReleaseObservation.RollbackRequested("again", halt ? [] : ["staging/local"]));

        Assert.Equal(refusal, d.Refused);
        Assert.Empty(d.Effects);
        Assert.Same(before, d.State);
    }
}
