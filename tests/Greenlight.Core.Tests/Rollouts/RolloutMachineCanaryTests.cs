using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using static Greenlight.Core.Rollouts.RolloutPhase;

namespace Greenlight.Core.Tests.Rollouts;

public sealed class RolloutMachineCanaryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static readonly CanaryStep[] Steps =
    [
        new(CanaryStepKind.SetWeight, 5),
        new(CanaryStepKind.Analysis, Duration: TimeSpan.FromMinutes(2)),
        new(CanaryStepKind.SetWeight, 50),
        new(CanaryStepKind.Pause, Duration: TimeSpan.FromSeconds(30)),
        new(CanaryStepKind.Pause),
    ];

    private static Rollout Verified(string? stable = "1.0") =>
        Rollout.Create("r1", "shop", "2.0", stable, TimeSpan.Zero, T0) with { Phase = Verifying, Steps = Steps };

    private static Decision Step(Rollout s, Observation o, DateTimeOffset? at = null) => RolloutMachine.Decide(s, o, at ?? T0);

    private static Rollout AtStep(int index)
    {
        var s = Step(Verified(), new Observation.ChecksPassed(CheckStage.BeforeFlip)).State;
        var observations = new Observation[] { new Observation.WeightsApplied(), new Observation.AnalysisPassed(Verdicts.Passed), new Observation.WeightsApplied() };
        foreach (var o in observations.Take(index))
            s = Step(s, o).State;
        return s;
    }

    [Fact]
    public void Decide_AfterVerification_AppliesTheFirstWeight()
    {
        var d = Step(Verified(), new Observation.ChecksPassed(CheckStage.BeforeFlip));
        Assert.Equal(Stepping, d.State.Phase);
        Assert.Equal(0, d.State.StepIndex);
        var weights = Assert.IsType<Effect.SetWeights>(Assert.Single(d.Effects)).Weights;
        Assert.Equal(5, weights["2.0"]);
        Assert.Equal(95, weights["1.0"]);
        Assert.Equal("step 1/5: setWeight 5%", Assert.Single(d.Log));
    }

    [Fact]
    public void Decide_WeightApplied_StartsTheAnalysisWithItsMaximumDuration()
    {
        var d = Step(AtStep(0), new Observation.WeightsApplied());
        Assert.Equal(5, d.State.CanaryWeight);
        Assert.Equal(new Effect.RunAnalysis("2.0", "1.0", TimeSpan.FromMinutes(2)), Assert.Single(d.Effects));
    }

    [Fact]
    public void Decide_AnalysisFails_SendsAllTrafficBackToStableAndEndsRolledBack()
    {
        var d = Step(AtStep(1), new Observation.EffectFailed("errorRate: canary 5.1% vs stable 1.0%"));
        Assert.Equal(RollingBack, d.State.Phase);
        Assert.Equal(RolledBack, d.State.Outcome);
        var weights = Assert.IsType<Effect.SetWeights>(Assert.Single(d.Effects)).Weights;
        Assert.Equal(100, weights["1.0"]);
        Assert.Equal(0, weights["2.0"]);
    }

    [Fact]
    public void Decide_TimedPause_EndsWhenItsTimeComes()
    {
        var paused = AtStep(3);
        Assert.Equal(T0.AddSeconds(30), paused.PauseUntil);
        Assert.Equal(paused.PauseUntil, paused.WakeAt);
        Assert.Equal(3, Step(paused, new Observation.Tick(), T0.AddSeconds(29)).State.StepIndex);
        Assert.Equal(4, Step(paused, new Observation.Tick(), T0.AddSeconds(30)).State.StepIndex);
    }

    [Fact]
    public void Decide_IndefinitePause_WaitsForPromoteThenPromotesTo100()
    {
        var waiting = Step(AtStep(3), new Observation.Tick(), T0.AddSeconds(30)).State;
        Assert.Null(waiting.WakeAt);
        Assert.Equal(waiting, Step(waiting, new Observation.Tick(), T0.AddDays(1)).State);

        var d = Step(waiting, new Observation.PromoteRequested(Full: false));
        Assert.Equal(Switching, d.State.Phase);
        Assert.Equal(100, Assert.IsType<Effect.SetWeights>(Assert.Single(d.Effects)).Weights["2.0"]);
    }

    [Fact]
    public void Decide_PromoteDuringAnalysis_SkipsToTheNextStep()
    {
        var d = Step(AtStep(1), new Observation.PromoteRequested(Full: false));
        Assert.Equal(2, d.State.StepIndex);
        Assert.Contains("promoted by user", Assert.Single(d.Log));
    }

    [Fact]
    public void Decide_FullPromote_SkipsEveryStepLeft()
    {
        var d = Step(AtStep(1), new Observation.PromoteRequested(Full: true));
        Assert.Equal(Switching, d.State.Phase);
    }

    [Fact]
    public void Decide_PromoteWhileAWeightIsApplied_IsIgnored()
    {
        var s = AtStep(0);
        var d = Step(s, new Observation.PromoteRequested(Full: false));
        Assert.Equal(s, d.State);
        Assert.Contains("promote ignored", Assert.Single(d.Log));
    }

    [Fact]
    public void Decide_Abort_RollsBackFromAnyStep()
    {
        var d = Step(AtStep(2), new Observation.RollbackRequested("aborted by user"));
        Assert.Equal(RollingBack, d.State.Phase);
        Assert.Equal(RolledBack, d.State.Outcome);
    }

    [Fact]
    public void Decide_PromotedCanaryWithoutWarmPeriod_RetiresStableAtOnce()
    {
        var promoted = Step(Step(AtStep(0) with { StepIndex = 4, PauseUntil = null }, new Observation.PromoteRequested(false)).State,
            new Observation.WeightsApplied()).State;
        Assert.Equal(Confirming, promoted.Phase);
        var d = Step(promoted, new Observation.ChecksPassed(CheckStage.AfterFlip));
        Assert.Equal(Retiring, d.State.Phase);
        Assert.Equal([new Effect.RetireRevision("1.0")], d.Effects);
    }

    [Fact]
    public void Decide_FirstReleaseWithCanarySteps_GoesStraightToFullTraffic()
    {
        var d = Step(Verified(stable: null), new Observation.ChecksPassed(CheckStage.BeforeFlip));
        Assert.Equal(Switching, d.State.Phase);
    }
}
