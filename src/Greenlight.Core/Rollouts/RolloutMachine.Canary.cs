using Greenlight.Core.Manifest;
using static Greenlight.Core.Rollouts.RolloutPhase;

namespace Greenlight.Core.Rollouts;

public static partial class RolloutMachine
{
    /// <summary>Moves to canary step <paramref name="index"/>; past the last step comes the final swap to 100%.</summary>
    private static Decision EnterStep(Rollout s, int index, DateTimeOffset now, string? why = null)
    {
        var steps = s.Steps!;
        var suffix = why is null ? "" : $" ({why})";
        if (index >= steps.Count)
            return Enter(s with { PauseUntil = null }, Switching, now, $"all {steps.Count} canary steps done{suffix}: promoting to 100%");
        var step = steps[index];
        var pauseUntil = step is { Kind: CanaryStepKind.Pause, Duration: { } d } ? now + d : (DateTimeOffset?)null;
        return Enter(s with { StepIndex = index, PauseUntil = pauseUntil }, Stepping, now, $"step {index + 1}/{steps.Count}: {step}{suffix}");
    }

    private static Decision AdvanceStep(Rollout s, Observation o, DateTimeOffset now) => (s.CurrentStep?.Kind, o) switch
    {
        (CanaryStepKind.SetWeight, Observation.WeightsApplied) => EnterStep(s with { CanaryWeight = s.CurrentStep!.Weight }, s.StepIndex + 1, now),
        (CanaryStepKind.Pause, Observation.Tick) when now >= s.PauseUntil => EnterStep(s, s.StepIndex + 1, now),
        (CanaryStepKind.Analysis, Observation.AnalysisPassed a) => EnterStep(s with { LastVerdict = a.Verdict }, s.StepIndex + 1, now),
        _ => Unchanged(s),
    };

    private static Decision Promote(Rollout s, bool full, DateTimeOffset now) => s.Phase switch
    {
        Stepping when full => EnterStep(s, s.Steps!.Count, now, "promoted by user"),
        // A weight step is never skipped: later steps assume its weight was applied.
        Stepping when s.CurrentStep?.Kind != CanaryStepKind.SetWeight => EnterStep(s, s.StepIndex + 1, now, "promoted by user"),
        _ => Unchanged(s, $"promote ignored in phase {s.Phase}" + (s.Phase == Stepping ? " while a weight is being applied" : "")),
    };

    private static IReadOnlyList<Effect> StepEffects(Rollout s) => s.CurrentStep switch
    {
        { Kind: CanaryStepKind.SetWeight, Weight: var w } => [new Effect.SetWeights(Split(s.RevisionName, s.Stable, w))],
        { Kind: CanaryStepKind.Analysis, Duration: var d } => [new Effect.RunAnalysis(s.RevisionName, s.Stable!, d ?? CanaryStep.DefaultAnalysisDuration)],
        _ => [],
    };
}
