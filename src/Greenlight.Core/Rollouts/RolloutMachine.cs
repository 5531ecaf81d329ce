using static Greenlight.Core.Rollouts.RolloutPhase;

namespace Greenlight.Core.Rollouts;

/// <summary>
/// The rollout state machine. Blue-green: start the new revision beside the stable one, verify it
/// directly, move all traffic in one swap, verify through the edge, keep the old one warm for
/// instant rollback, then retire it. A canary inserts its steps (weights, pauses, analyses) between
/// the verification and the final swap. Pure: no I/O, time comes in as <c>now</c>.
/// </summary>
public static partial class RolloutMachine
{
    public static Decision Decide(Rollout state, Observation observation, DateTimeOffset now) => observation switch
    {
        Observation.Resume r => Resume(state, r.AfterRestart, now),
        Observation.RollbackRequested r => RequestRollback(state, r.Reason, now),
        Observation.PromoteRequested p => Promote(state, p.Full, now),
        Observation.EffectFailed f => Fail(state, f.Reason, now),
        Observation.AnalysisFailed a when state.CurrentStep?.Kind == Manifest.CanaryStepKind.Analysis =>
            Fail(state with { LastVerdict = a.Verdict }, a.Verdict.FailureReason, now),
        Observation.RevisionDied d => Died(state, d, now),
        Observation.Superseded s when state.Phase == Warm =>
            Enter(state with { Reason = $"superseded by {s.ByVersion}" }, Retiring, now),
        _ => Advance(state, observation, now),
    };

    private static Decision Advance(Rollout s, Observation o, DateTimeOffset now) => (s.Phase, o) switch
    {
        (Gating, Observation.PipelinePassed p) when p.RunId == s.PipelineRunId => Enter(s, Queued, now),
        (Queued, Observation.Dequeued d) => Enter(s with { Stable = d.Stable, Revision = d.Revision }, s.Migrates ? Expanding : Starting, now),
        (Expanding, Observation.MigrationsApplied { Contract: false }) => Enter(s, Starting, now),
        (Starting, Observation.RevisionReady r) when r.Version == s.RevisionName => Enter(s, Verifying, now),
        (Verifying, Observation.ChecksPassed { Stage: CheckStage.BeforeFlip }) =>
            s is { Steps.Count: > 0, Stable: not null } ? EnterStep(s, 0, now) : Enter(s, Switching, now),
        (Stepping, _) => AdvanceStep(s, o, now),
        (Switching, Observation.WeightsApplied) => Enter(s with { FlippedAt = now, CanaryWeight = 100 }, Confirming, now),
        (Confirming, Observation.ChecksPassed { Stage: CheckStage.AfterFlip }) => s switch
        {
            // A repair leaves the warm previous revision to the rollout that keeps it.
            { Repair: true } => Enter(s, Completed, now),
            { Stable: null } => Enter(s, s.Migrates ? Contracting : Completed, now),
            { StableLost: null } when s.WarmFor > TimeSpan.Zero => Enter(s with { WarmUntil = now + s.WarmFor }, Warm, now),
            _ => Enter(s, Retiring, now),
        },
        (Warm, Observation.Tick) when now >= s.WarmUntil => Enter(s, Retiring, now),
        (Retiring, Observation.RevisionRetired r) when r.Version == s.Stable => Enter(s, s.Migrates && s.Outcome is null ? Contracting : Completed, now),
        (Contracting, Observation.MigrationsApplied { Contract: true }) => Enter(s, Completed, now),
        (RollingBack, Observation.WeightsApplied) => Enter(s with { CanaryWeight = 0 }, StoppingNew, now),
        (StoppingNew, Observation.RevisionRetired r) when r.Version == s.RevisionName => Enter(s with { CanaryWeight = 0 }, s.Outcome ?? Failed, now),
        // Stale or duplicate results (a resumed controller may deliver one twice) change nothing.
        _ => Unchanged(s),
    };

    private static Decision Enter(Rollout s, RolloutPhase phase, DateTimeOffset now, string? log = null)
    {
        var next = s with { Phase = phase, UpdatedAt = now, Attempts = 0, Resumes = 0 };
        var explained = phase is Failed or RolledBack or StoppingNew or RollingBack && s.Reason is not null ? $": {s.Reason}" : "";
        return new(next, EffectsOf(next), [log ?? $"{s.Phase} -> {phase}{explained}"]);
    }

    private static Decision Unchanged(Rollout s, string? log = null) => new(s, [], log is null ? [] : [log]);

    /// <summary>The effects that carry out a phase; re-issued unchanged when a controller resumes.</summary>
    public static IReadOnlyList<Effect> EffectsOf(Rollout s) => s.Phase switch
    {
        Gating => [new Effect.RunPipeline(s.PipelineRunId!)],
        Expanding => [new Effect.ApplyMigrations(Contract: false)],
        // A repair puts the traffic on the warm previous revision while the dead one starts again.
        Starting when s is { Repair: true, Stable: { } warm, StableLost: null } => [new Effect.SetWeights(Split(warm, null, 100)), new Effect.StartRevision(s.RevisionName)],
        Starting => [new Effect.StartRevision(s.RevisionName)],
        Verifying => [new Effect.RunChecks(CheckStage.BeforeFlip, s.RevisionName)],
        Stepping => StepEffects(s),
        Switching => [new Effect.SetWeights(Split(s.RevisionName, s.Stable, 100))],
        Confirming => [new Effect.RunChecks(CheckStage.AfterFlip, s.RevisionName)],
        Retiring => [new Effect.RetireRevision(s.Stable!)],
        Contracting => [new Effect.ApplyMigrations(Contract: true)],
        RollingBack => [new Effect.SetWeights(Split(s.Stable!, s.RevisionName, 100))],
        StoppingNew => [new Effect.RetireRevision(s.RevisionName)],
        _ => [],
    };

    /// <summary><paramref name="percent"/> of traffic to <paramref name="to"/>, the rest to <paramref name="from"/>,
    /// which stays in the table even at 0 so that it drains.</summary>
    private static Dictionary<string, int> Split(string to, string? from, int percent) =>
        from is null ? new() { [to] = 100 } : new() { [to] = percent, [from] = 100 - percent };
}
