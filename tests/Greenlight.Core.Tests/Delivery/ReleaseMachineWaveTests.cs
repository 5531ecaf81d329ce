using Greenlight.Core.Delivery;
using static Greenlight.Core.Tests.Delivery.DeliveryManifests;

namespace Greenlight.Core.Tests.Delivery;

/// <summary>Regions in waves: in order, with a cap, baked after each wave, and rolled back together when one fails.</summary>
public sealed class ReleaseMachineWaveTests
{
    private static readonly TimeSpan Bake = TimeSpan.FromMinutes(5);

    /// <summary>Staging passed and production's first wave (the one-box) is baking.</summary>
    private static ReleaseRun OneBoxBaking(string production = "")
    {
        var run = new ReleaseRun(StagingThenProduction(production: production)).Start();
        run.Completed("staging", "local");
        run.Tick(TimeSpan.FromMinutes(2));
        run.Completed("production", "one-box");
        return run;
    }

    /// <summary>Production's second wave runs: eu-west and us-east.</summary>
    private static ReleaseRun SecondWaveRunning(string production = "")
    {
        var run = OneBoxBaking(production);
        run.Tick(Bake);
        return run;
    }

    [Fact]
    public void Resume_NewRelease_StartsTheRolloutOfTheFirstEnvironment()
    {
        var run = new ReleaseRun(StagingThenProduction()).Start();

        Assert.Equal(["staging/local"], run.Started);
        Assert.Equal(StagePhase.Rolling, run.Stage("staging").Phase);
        Assert.Equal("deployed", run.Stage("staging").PromotedBy);
        Assert.Equal(StagePhase.Pending, run.Stage("production").Phase);
    }

    [Fact]
    public void Decide_WaveCompleted_BakesItBeforeTheNextWave()
    {
        var run = OneBoxBaking();

        var stage = run.Stage("production");
        Assert.Equal(StagePhase.Baking, stage.Phase);
        Assert.Equal(run.Now + Bake, stage.Until);
        var bake = Assert.Single(run.Effects.OfType<ReleaseEffect.StartBake>());
        Assert.Equal(("production", 0, run.Now + Bake), (bake.Environment, bake.Wave, bake.Until));
        Assert.Equal(["one-box"], bake.Regions);
        Assert.Contains(new ReleaseEffect.Wake(run.Now + Bake), run.Effects);
        Assert.Empty(run.Started);
    }

    [Fact]
    public void Decide_BakePassVerdictBeforeItsEnd_IsRecordedAndTheBakeGoesOn()
    {
        var run = OneBoxBaking();

        var d = run.Send(new ReleaseObservation.BakeVerdict("production", 0, true, "error rate 0.9% vs 1.0% over 4,120 requests"));

        Assert.Equal(StagePhase.Baking, d.State.StageOf("production")!.Phase);
        Assert.Equal("error rate 0.9% vs 1.0% over 4,120 requests", d.State.StageOf("production")!.BakeVerdict);
        Assert.Empty(d.Effects);
    }

    [Fact]
    public void Decide_BakeTimeEnds_StartsTheRegionsOfTheNextWaveTogether()
    {
        var run = OneBoxBaking();

        run.Tick(Bake - TimeSpan.FromSeconds(1));
        Assert.Empty(run.Started);
        run.Tick(TimeSpan.FromSeconds(1));

        Assert.Equal(["production/eu-west", "production/us-east"], run.Started);
        Assert.Equal(1, run.Stage("production").Wave);
        Assert.Equal("no failing verdict", run.Stage("production").BakeVerdict);
    }

    [Fact]
    public void Decide_MaxParallel_StartsTheRestOfTheWaveAsSlotsFree()
    {
        var run = SecondWaveRunning("maxParallel: 1");

        Assert.Equal(["production/eu-west"], run.Started);
        Assert.Equal(RegionPhase.Pending, run.Region("production", "us-east").Phase);

        run.Completed("production", "eu-west");

        Assert.Equal(["production/us-east"], run.Started);
        Assert.Contains("production/us-east: rollout starts (wave 2/3, 1 of at most 1 at once)", run.Last.Log);
        Assert.Equal(StagePhase.Rolling, run.Stage("production").Phase);
    }

    [Fact]
    public void Decide_FailureWhileRegionsWaitForASlot_NeverStartsThem()
    {
        var run = SecondWaveRunning("maxParallel: 1");

        run.RolledBack("production", "eu-west", "error rate 5.1% vs 1.0%");

        Assert.Empty(run.Started);
        Assert.Equal(["production/one-box"], run.RolledBackNow);
        Assert.Equal(RegionPhase.Pending, run.Region("production", "us-east").Phase);
    }

    [Fact]
    public void Decide_FailureInWave2_RollsBackWave1AndTheRunningRegionAndNeverStartsWave3()
    {
        var run = SecondWaveRunning();

        var d = run.RolledBack("production", "eu-west", "error rate 5.1% vs 1.0%");

        Assert.Equal(["production/one-box", "production/us-east"], run.RolledBackNow);
        Assert.Empty(run.Started);
        var stage = run.Stage("production");
        Assert.Equal(StagePhase.RollingBack, stage.Phase);
        Assert.Equal("wave 2/3 failed: region eu-west RolledBack: error rate 5.1% vs 1.0%", stage.Reason);
        Assert.Equal(ReleasePhase.RollingBack, d.State.Phase);

        // us-east's rollout, told to stop, may still report that it completed: it is being rolled back all the same.
        run.Completed("production", "us-east");
        Assert.Equal(RegionPhase.RollingBack, run.Region("production", "us-east").Phase);

        run.Back("production", "one-box");
        Assert.Equal(ReleasePhase.RollingBack, run.State.Phase);
        run.Back("production", "us-east");

        Assert.Equal(StagePhase.RolledBack, run.Stage("production").Phase);
        Assert.Equal(ReleasePhase.RolledBack, run.State.Phase);
        Assert.Equal("production: wave 2/3 failed: region eu-west RolledBack: error rate 5.1% vs 1.0%", run.State.Reason);
        Assert.Equal(RegionPhase.Pending, run.Region("production", "ap-south").Phase);
        Assert.Equal(StagePhase.Passed, run.Stage("staging").Phase);
        run.Tick(TimeSpan.FromHours(1));
        Assert.Empty(run.Effects);
    }

    [Fact]
    public void Decide_FailureInTheFirstWave_EndsRolledBackWithNothingElseToUndo()
    {
        var run = new ReleaseRun(StagingThenProduction()).Start();

        run.Send(new ReleaseObservation.RolloutEnded("staging", "local", RolloutResult.Failed, "not healthy after 30s"));

        Assert.Empty(run.Effects);
        Assert.Equal(StagePhase.RolledBack, run.Stage("staging").Phase);
        Assert.Equal(ReleasePhase.RolledBack, run.State.Phase);
        Assert.Equal(StagePhase.Pending, run.Stage("production").Phase);
    }

    [Fact]
    public void Decide_HaltOnFailure_LeavesEveryRegionAsItIsAndStartsNothingMore()
    {
        var run = SecondWaveRunning("onFailure: halt");

        run.RolledBack("production", "eu-west", "error rate 5.1% vs 1.0%");

        Assert.Empty(run.Effects);
        Assert.Equal(StagePhase.Halted, run.Stage("production").Phase);
        Assert.Equal(ReleasePhase.Halted, run.State.Phase);
        Assert.Contains("production: halted: wave 2/3 failed: region eu-west RolledBack: error rate 5.1% vs 1.0%; one-box, us-east keep what they run and no later wave starts (onFailure: halt)", run.Last.Log);

        run.Completed("production", "us-east");
        Assert.Empty(run.Effects);
        Assert.Equal(RegionPhase.Completed, run.Region("production", "us-east").Phase);
        Assert.Equal(RegionPhase.Pending, run.Region("production", "ap-south").Phase);
    }

    [Fact]
    public void Decide_BakeFailsAfterTheFlip_RollsBackEveryRegionOfTheWavesSoFar()
    {
        var run = SecondWaveRunning();
        run.Completed("production", "eu-west");
        run.Completed("production", "us-east");
        Assert.Equal(StagePhase.Baking, run.Stage("production").Phase);

        run.Send(new ReleaseObservation.BakeVerdict("production", 1, false, "p99 latency 412 ms vs 180 ms before the flip"));

        Assert.Equal(["production/one-box", "production/eu-west", "production/us-east"], run.RolledBackNow);
        Assert.Equal("bake of wave 2/3 failed: p99 latency 412 ms vs 180 ms before the flip", run.Stage("production").Reason);
        Assert.Empty(run.Started);
    }

    [Fact]
    public void Decide_VerdictOnAnEarlierWavesBake_ChangesNothing()
    {
        var run = SecondWaveRunning();
        run.Completed("production", "eu-west");
        run.Completed("production", "us-east");

        var d = run.Send(new ReleaseObservation.BakeVerdict("production", 0, false, "late"));

        Assert.Equal(StagePhase.Baking, d.State.StageOf("production")!.Phase);
        Assert.Empty(d.Effects);
    }

    [Fact]
    public void Decide_RegionCannotBeRolledBack_FailsTheReleaseNamingIt()
    {
        var run = SecondWaveRunning();
        run.RolledBack("production", "eu-west", "error rate 5.1% vs 1.0%");

        run.Back("production", "us-east");
        run.Send(new ReleaseObservation.RegionRollbackFailed("production", "one-box", "previous revision 1.9 died"));

        Assert.Equal(RegionPhase.RollbackFailed, run.Region("production", "one-box").Phase);
        Assert.Equal(StagePhase.Failed, run.Stage("production").Phase);
        Assert.Equal(ReleasePhase.Failed, run.State.Phase);
        Assert.EndsWith("not rolled back: one-box (previous revision 1.9 died)", run.State.Reason);
    }

    [Fact]
    public void Decide_LastWaveBaked_CompletesTheRelease()
    {
        var run = SecondWaveRunning();
        run.Completed("production", "eu-west");
        run.Completed("production", "us-east");
        run.Tick(Bake);
        Assert.Equal(["production/ap-south"], run.Started);
        run.Completed("production", "ap-south");

        run.Tick(Bake);

        Assert.Equal(StagePhase.Passed, run.Stage("production").Phase);
        Assert.Equal(ReleasePhase.Completed, run.State.Phase);
        Assert.True(run.State.IsTerminal);
        Assert.Null(run.State.WakeAt);
    }
}
