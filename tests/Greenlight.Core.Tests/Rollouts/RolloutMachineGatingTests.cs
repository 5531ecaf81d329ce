using Greenlight.Core.Rollouts;
using static Greenlight.Core.Rollouts.RolloutPhase;

namespace Greenlight.Core.Tests.Rollouts;

/// <summary>Before a release touches the app: its pipeline (Gating), then its turn in the app's queue (Queued).</summary>
public sealed class RolloutMachineGatingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static Rollout Gated(bool migrates = false) =>
        Rollout.Create("r1", "shop", "2.0", null, TimeSpan.Zero, T0) with { Phase = Gating, PipelineRunId = "pl-1", Migrates = migrates };

    [Fact]
    public void Decide_Resume_RunsThePipeline() =>
        Assert.Equal([new Effect.RunPipeline("pl-1")], RolloutMachine.Decide(Gated(), new Observation.Resume(), T0).Effects);

    [Fact]
    public void Decide_PipelinePassed_WaitsInTheQueueDoingNothing()
    {
        var d = RolloutMachine.Decide(Gated(), new Observation.PipelinePassed("pl-1"), T0);
        Assert.Equal(Queued, d.State.Phase);
        Assert.Empty(d.Effects);
    }

    [Fact]
    public void Decide_PassOfAnotherRun_ChangesNothing() =>
        Assert.Equal(Gating, RolloutMachine.Decide(Gated(), new Observation.PipelinePassed("pl-old"), T0).State.Phase);

    [Fact]
    public void Decide_PipelineFailed_EndsFailedWithNothingStarted()
    {
        var d = RolloutMachine.Decide(Gated(), new Observation.EffectFailed("pipeline step scan/secrets failed: 1 secret found"), T0);
        Assert.Equal(Failed, d.State.Phase);
        Assert.Empty(d.Effects);
        Assert.Contains("scan/secrets", d.State.Reason);
    }

    [Theory]
    [InlineData(false, Starting)]
    [InlineData(true, Expanding)]
    public void Decide_Dequeued_StartsOnTheRevisionServingThen(bool migrates, RolloutPhase next)
    {
        var queued = Gated(migrates) with { Phase = Queued };
        var d = RolloutMachine.Decide(queued, new Observation.Dequeued("1.0"), T0);
        Assert.Equal(next, d.State.Phase);
        Assert.Equal("1.0", d.State.Stable);
    }

    [Theory]
    [InlineData(Gating)]
    [InlineData(Queued)]
    public void Decide_AbortWhileWaiting_EndsFailed(RolloutPhase phase) =>
        Assert.Equal(Failed, RolloutMachine.Decide(Gated() with { Phase = phase }, new Observation.RollbackRequested("by user"), T0).State.Phase);
}
