using Greenlight.Core.Rollouts;
using static Greenlight.Core.Rollouts.RolloutPhase;

namespace Greenlight.Core.Tests.Rollouts;

public sealed class RolloutMachineBlueGreenTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static Rollout Release(string? stable = "1.0") => Rollout.Create("r1", "shop", "2.0", stable, TimeSpan.FromHours(24), T0);

    private static Rollout Run(Rollout state, params Observation[] observations) =>
        observations.Aggregate(state, (s, o) => RolloutMachine.Decide(s, o, T0.AddMinutes(1)).State);

    private static Rollout Flipped() => Run(Release(),
        new Observation.RevisionReady("2.0"), new Observation.ChecksPassed(CheckStage.BeforeFlip), new Observation.WeightsApplied());

    [Fact]
    public void Decide_HappyPath_StartsVerifiesFlipsThenKeepsBlueWarm()
    {
        var s = Release();
        Assert.Equal([new Effect.StartRevision("2.0")], RolloutMachine.Decide(s, new Observation.Resume(), T0).Effects);

        var d = RolloutMachine.Decide(s, new Observation.RevisionReady("2.0"), T0);
        Assert.Equal(Verifying, d.State.Phase);
        Assert.Equal([new Effect.RunChecks(CheckStage.BeforeFlip, "2.0")], d.Effects);

        d = RolloutMachine.Decide(d.State, new Observation.ChecksPassed(CheckStage.BeforeFlip), T0);
        var flip = Assert.IsType<Effect.SetWeights>(Assert.Single(d.Effects));
        Assert.Equal(100, flip.Weights["2.0"]);
        Assert.Equal(0, flip.Weights["1.0"]);

        d = RolloutMachine.Decide(d.State, new Observation.WeightsApplied(), T0);
        Assert.Equal(Confirming, d.State.Phase);
        Assert.Equal(T0, d.State.FlippedAt);

        d = RolloutMachine.Decide(d.State, new Observation.ChecksPassed(CheckStage.AfterFlip), T0);
        Assert.Equal(Warm, d.State.Phase);
        Assert.Equal(T0.AddHours(24), d.State.WarmUntil);
        Assert.Empty(d.Effects);
    }

    [Fact]
    public void Decide_WarmPeriodEnds_RetiresBlueThenCompletes()
    {
        var warm = Run(Flipped(), new Observation.ChecksPassed(CheckStage.AfterFlip));
        Assert.Equal(Warm, RolloutMachine.Decide(warm, new Observation.Tick(), warm.WarmUntil!.Value.AddSeconds(-1)).State.Phase);

        var d = RolloutMachine.Decide(warm, new Observation.Tick(), warm.WarmUntil!.Value);
        Assert.Equal(Retiring, d.State.Phase);
        Assert.Equal([new Effect.RetireRevision("1.0")], d.Effects);
        Assert.Equal(Completed, RolloutMachine.Decide(d.State, new Observation.RevisionRetired("1.0"), T0).State.Phase);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Decide_FailureBeforeFlip_StopsGreenAndNeverTouchesTraffic(int step)
    {
        var s = step == 0 ? Release() : Run(Release(), new Observation.RevisionReady("2.0"));
        var d = RolloutMachine.Decide(s, new Observation.EffectFailed("health check answered 503"), T0);
        Assert.Equal(StoppingNew, d.State.Phase);
        Assert.Equal([new Effect.RetireRevision("2.0")], d.Effects);
        var end = RolloutMachine.Decide(d.State, new Observation.RevisionRetired("2.0"), T0).State;
        Assert.Equal(Failed, end.Phase);
        Assert.Equal("health check answered 503", end.Reason);
    }

    [Fact]
    public void Decide_CheckFailsAfterFlip_FlipsBackToBlueAndEndsRolledBack()
    {
        var d = RolloutMachine.Decide(Flipped(), new Observation.EffectFailed("checkout journey failed"), T0);
        Assert.Equal(RollingBack, d.State.Phase);
        var back = Assert.IsType<Effect.SetWeights>(Assert.Single(d.Effects));
        Assert.Equal(100, back.Weights["1.0"]);
        Assert.Equal(0, back.Weights["2.0"]);
        d = RolloutMachine.Decide(d.State, new Observation.WeightsApplied(), T0);
        Assert.Equal([new Effect.RetireRevision("2.0")], d.Effects);
        Assert.Equal(RolledBack, RolloutMachine.Decide(d.State, new Observation.RevisionRetired("2.0"), T0).State.Phase);
    }

    [Fact]
    public void Decide_RollbackWhileWarm_FlipsBackInOneSwap()
    {
        var warm = Run(Flipped(), new Observation.ChecksPassed(CheckStage.AfterFlip));
        var d = RolloutMachine.Decide(warm, new Observation.RollbackRequested("by user"), T0);
        Assert.Equal(RollingBack, d.State.Phase);
        Assert.Equal(RolledBack, d.State.Outcome);
        Assert.Equal(100, Assert.IsType<Effect.SetWeights>(Assert.Single(d.Effects)).Weights["1.0"]);
    }

    [Fact]
    public void Decide_RollbackOfFirstRelease_IsIgnoredWithAReason()
    {
        var first = Run(Release(stable: null), new Observation.RevisionReady("2.0"),
            new Observation.ChecksPassed(CheckStage.BeforeFlip), new Observation.WeightsApplied(), new Observation.ChecksPassed(CheckStage.AfterFlip));
        Assert.Equal(Completed, first.Phase);
        var d = RolloutMachine.Decide(first, new Observation.RollbackRequested("by user"), T0);
        Assert.Equal(first, d.State);
        Assert.Contains("no previous revision", Assert.Single(d.Log));
    }

    [Fact]
    public void Decide_Superseded_RetiresTheWarmBlue()
    {
        var warm = Run(Flipped(), new Observation.ChecksPassed(CheckStage.AfterFlip));
        var d = RolloutMachine.Decide(warm, new Observation.Superseded("3.0"), T0);
        Assert.Equal(Retiring, d.State.Phase);
        Assert.Equal([new Effect.RetireRevision("1.0")], d.Effects);
    }

    [Fact]
    public void Decide_ResumeInAnyPhase_ReissuesThatPhasesEffectsWithoutChangingState()
    {
        var flipped = Run(Release(), new Observation.RevisionReady("2.0"), new Observation.ChecksPassed(CheckStage.BeforeFlip));
        var d = RolloutMachine.Decide(flipped, new Observation.Resume(), T0);
        Assert.Equal(flipped, d.State);
        Assert.IsType<Effect.SetWeights>(Assert.Single(d.Effects));
    }

    [Fact]
    public void Decide_StaleResult_ChangesNothing()
    {
        var s = Release();
        var d = RolloutMachine.Decide(s, new Observation.ChecksPassed(CheckStage.AfterFlip), T0);
        Assert.Equal(s, d.State);
        Assert.Empty(d.Effects);
    }

    [Fact]
    public void Decide_RetireFails_RetriesTheSameEffect()
    {
        var retiring = RolloutMachine.Decide(Run(Flipped(), new Observation.ChecksPassed(CheckStage.AfterFlip)), new Observation.Superseded("3"), T0).State;
        var d = RolloutMachine.Decide(retiring, new Observation.EffectFailed("edge unreachable"), T0);
        Assert.Equal(Retiring, d.State.Phase);
        Assert.Equal([new Effect.RetireRevision("1.0")], d.Effects);
    }
}
