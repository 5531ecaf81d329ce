using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using static Greenlight.Core.Rollouts.RolloutPhase;

namespace Greenlight.Core.Tests.Rollouts;

/// <summary>Dead revisions, phases that keep failing and controllers that keep dying: every path has an end.</summary>
public sealed class RolloutMachineFailureTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private static Rollout Release(string? stable = "1.0") => Rollout.Create("r1", "shop", "2.0", stable, TimeSpan.FromHours(24), T0);

    private static Decision Decide(Rollout s, Observation o) => RolloutMachine.Decide(s, o, T0.AddMinutes(1));

    private static Rollout Run(Rollout state, params Observation[] observations) =>
        observations.Aggregate(state, (s, o) => Decide(s, o).State);

    private static Rollout WarmRelease() => Run(Release(), new Observation.RevisionReady("2.0"), new Observation.ChecksPassed(CheckStage.BeforeFlip),
        new Observation.WeightsApplied(), new Observation.ChecksPassed(CheckStage.AfterFlip));

    private static Rollout CanaryInAnalysis() => Run(Release() with
    {
        Steps = [new CanaryStep(CanaryStepKind.SetWeight, 10), new CanaryStep(CanaryStepKind.Analysis, Duration: TimeSpan.FromMinutes(5))],
    }, new Observation.RevisionReady("2.0"), new Observation.ChecksPassed(CheckStage.BeforeFlip), new Observation.WeightsApplied());

    [Fact]
    public void Decide_CanaryDiesDuringAnalysis_RollsBackToStable()
    {
        var s = CanaryInAnalysis();
        Assert.Equal(Stepping, s.Phase);

        var d = Decide(s, new Observation.RevisionDied("2.0", "its process exited"));

        Assert.Equal(RollingBack, d.State.Phase);
        Assert.Equal(RolledBack, d.State.Outcome);
        Assert.Equal("revision 2.0 died: its process exited", d.State.Reason);
        var back = Assert.IsType<Effect.SetWeights>(Assert.Single(d.Effects));
        Assert.Equal(100, back.Weights["1.0"]);
    }

    [Fact]
    public void TrafficBack_RollbackOfAWarmRelease_IsTrueOnceTheSwapAppliedBeforeTheNewRevisionStopped()
    {
        var rollingBack = Decide(WarmRelease(), new Observation.RollbackRequested("release rs-1: bake failed")).State;
        Assert.False(rollingBack.TrafficBack);

        var stopping = Decide(rollingBack, new Observation.WeightsApplied()).State;

        Assert.Equal(StoppingNew, stopping.Phase);
        Assert.True(stopping.TrafficBack);
        Assert.False(stopping.IsTerminal);
        Assert.False(WarmRelease().TrafficBack);
    }

    [Fact]
    public void Decide_RollbackTargetDies_FailsWithTheReasonInsteadOfRetrying()
    {
        var rollingBack = Decide(WarmRelease(), new Observation.RollbackRequested("requested by user")).State;
        Assert.Equal(RollingBack, rollingBack.Phase);

        var d = Decide(rollingBack, new Observation.RevisionDied("1.0", "it is not running"));

        Assert.Equal(Failed, d.State.Phase);
        Assert.Contains("cannot roll back to 1.0: it died (it is not running); 2.0 keeps its traffic", d.State.Reason);
        Assert.Equal("2.0", d.State.Serves);
    }

    [Fact]
    public void Decide_WarmRevisionDies_MarksItLostAndARollbackIsRefused()
    {
        var d = Decide(WarmRelease(), new Observation.RevisionDied("1.0", "its process exited"));

        Assert.Equal(Warm, d.State.Phase);
        Assert.StartsWith("its process exited at ", d.State.StableLost);
        var refused = Decide(d.State, new Observation.RollbackRequested("requested by user"));
        Assert.Equal(Warm, refused.State.Phase);
        Assert.Contains("rollback refused: 1.0 died", Assert.Single(refused.Log));
    }

    [Fact]
    public void Decide_StableDiesBeforeTheFlip_ReleaseGoesOnAndKeepsNothingWarm()
    {
        var verifying = Run(Release(), new Observation.RevisionReady("2.0"));
        var s = Run(verifying, new Observation.RevisionDied("1.0", "its process exited"), new Observation.ChecksPassed(CheckStage.BeforeFlip),
            new Observation.WeightsApplied(), new Observation.ChecksPassed(CheckStage.AfterFlip));

        Assert.Equal(Retiring, s.Phase);
    }

    [Fact]
    public void Decide_RetiringKeepsFailing_RetriesWithGrowingDelayThenGivesUp()
    {
        var s = Decide(WarmRelease(), new Observation.Tick()).State with { Phase = Retiring };
        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt < RolloutMachine.MaxAttempts; attempt++)
        {
            var d = Decide(s, new Observation.EffectFailed("SIGKILL ignored"));
            Assert.Equal(Retiring, d.State.Phase);
            Assert.Equal([new Effect.RetireRevision("1.0")], d.Effects);
            s = d.State;
            delays.Add(RolloutMachine.RetryDelay(s.Attempts));
        }

        var last = Decide(s, new Observation.EffectFailed("SIGKILL ignored"));

        Assert.Equal(Completed, last.State.Phase);
        Assert.Contains($"gave up after {RolloutMachine.MaxAttempts} attempts: SIGKILL ignored", last.State.Reason);
        Assert.Equal(TimeSpan.FromSeconds(1), delays[0]);
        Assert.True(delays.SequenceEqual(delays.Order()) && delays[^1] == TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Decide_AbortWhileRollingBackIsRetrying_EndsThePhase()
    {
        var rollingBack = Decide(WarmRelease(), new Observation.RollbackRequested("requested by user")).State;
        var retrying = Decide(rollingBack, new Observation.EffectFailed("edge refused")).State;
        Assert.Equal(1, retrying.Attempts);

        var d = Decide(retrying, new Observation.RollbackRequested("aborted by user"));

        Assert.Equal(Failed, d.State.Phase);
        Assert.Contains("traffic left as it was", d.State.Reason);
    }

    [Fact]
    public void Decide_ControllerRestartsInTheSamePhase_GivesUpAfterTheLimit()
    {
        var s = Release() with { Phase = Gating, PipelineRunId = "pl-1" };
        for (var restart = 1; restart < RolloutMachine.MaxResumes; restart++)
        {
            s = Decide(s, new Observation.Resume(AfterRestart: true)).State;
            Assert.Equal(Gating, s.Phase);
        }

        var d = Decide(s, new Observation.Resume(AfterRestart: true));

        Assert.Equal(Failed, d.State.Phase);
        Assert.Contains($"the controller stopped {RolloutMachine.MaxResumes - 1} times in phase Gating", d.State.Reason);
    }

    [Fact]
    public void Decide_RestartWhileWarm_IsNoSignOfTrouble()
    {
        var s = Run(WarmRelease(), Enumerable.Repeat<Observation>(new Observation.Resume(AfterRestart: true), 10).ToArray());

        Assert.Equal(Warm, s.Phase);
    }

    [Fact]
    public void Decide_Repair_MovesTrafficToWarmWhileStartingThenLeavesItWarm()
    {
        var repair = Rollout.Create("rp1", "shop", "2.0", "1.0", TimeSpan.Zero, T0) with { Repair = true };

        var start = Decide(repair, new Observation.Resume());
        Assert.Collection(start.Effects,
            e => Assert.Equal(new Dictionary<string, int> { ["1.0"] = 100 }, Assert.IsType<Effect.SetWeights>(e).Weights),
            e => Assert.Equal(new Effect.StartRevision("2.0"), e));
        var done = Run(repair, new Observation.RevisionReady("2.0"), new Observation.ChecksPassed(CheckStage.BeforeFlip),
            new Observation.WeightsApplied(), new Observation.ChecksPassed(CheckStage.AfterFlip));

        Assert.Equal(Completed, done.Phase);
        Assert.Equal("2.0", done.Serves);
    }
}
