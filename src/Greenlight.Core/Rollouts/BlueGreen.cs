using static Greenlight.Core.Rollouts.RolloutPhase;

namespace Greenlight.Core.Rollouts;

/// <summary>
/// The blue-green state machine: start green beside blue, verify it directly, flip all traffic in one
/// swap, verify through the edge, keep blue warm for instant rollback, then retire it. Pure: no I/O,
/// time comes in as <c>now</c>.
/// </summary>
public static class BlueGreen
{
    public static Decision Decide(Rollout state, Observation observation, DateTimeOffset now) => observation switch
    {
        Observation.Resume => new(state, EffectsOf(state), []),
        Observation.RollbackRequested r => RequestRollback(state, r.Reason, now),
        Observation.EffectFailed f => Fail(state, f.Reason, now),
        Observation.Superseded s when state.Phase == Warm =>
            Enter(state with { Reason = $"superseded by {s.ByVersion}" }, Retiring, now),
        _ => Advance(state, observation, now),
    };

    private static Decision Advance(Rollout s, Observation o, DateTimeOffset now) => (s.Phase, o) switch
    {
        (Starting, Observation.RevisionReady r) when r.Version == s.Version => Enter(s, Verifying, now),
        (Verifying, Observation.ChecksPassed { Stage: CheckStage.BeforeFlip }) => Enter(s, Switching, now),
        (Switching, Observation.WeightsApplied) => Enter(s with { FlippedAt = now }, Confirming, now),
        (Confirming, Observation.ChecksPassed { Stage: CheckStage.AfterFlip }) => s.Stable is null
            ? Enter(s, Completed, now)
            : Enter(s with { WarmUntil = now + s.WarmFor }, Warm, now),
        (Warm, Observation.Tick) when now >= s.WarmUntil => Enter(s, Retiring, now),
        (Retiring, Observation.RevisionRetired r) when r.Version == s.Stable => Enter(s, Completed, now),
        (RollingBack, Observation.WeightsApplied) => Enter(s, StoppingNew, now),
        (StoppingNew, Observation.RevisionRetired r) when r.Version == s.Version => Enter(s, s.Outcome ?? Failed, now),
        // Stale or duplicate results (a resumed controller may deliver one twice) change nothing.
        _ => new(s, [], []),
    };

    /// <summary>Before the flip nobody saw green, so failing means stopping it; after the flip, blue takes the traffic back.</summary>
    private static Decision Fail(Rollout s, string reason, DateTimeOffset now) => s.Phase switch
    {
        Starting or Verifying => Enter(s with { Outcome = Failed, Reason = reason }, StoppingNew, now),
        Switching or Confirming when s.Stable is not null =>
            Enter(s with { Outcome = s.Phase == Confirming ? RolledBack : Failed, Reason = reason }, RollingBack, now),
        Switching or Confirming => Enter(s with { Outcome = Failed, Reason = reason }, StoppingNew, now),
        // Retiring, rolling back and stopping must finish: the same effects are issued again.
        _ => new(s, EffectsOf(s), [$"retrying {s.Phase}: {reason}"]),
    };

    private static Decision RequestRollback(Rollout s, string reason, DateTimeOffset now) => s.Phase switch
    {
        Starting or Verifying => Enter(s with { Outcome = Failed, Reason = $"aborted: {reason}" }, StoppingNew, now),
        Switching or Confirming or Warm when s.Stable is not null =>
            Enter(s with { Outcome = RolledBack, Reason = reason }, RollingBack, now),
        _ => new(s, [], [$"rollback ignored in phase {s.Phase}" + (s.Stable is null ? " (no previous revision)" : "")]),
    };

    private static Decision Enter(Rollout s, RolloutPhase phase, DateTimeOffset now)
    {
        var next = s with { Phase = phase, UpdatedAt = now };
        var log = $"{s.Phase} -> {phase}" + (phase is Failed or RolledBack or StoppingNew or RollingBack && s.Reason is not null ? $": {s.Reason}" : "");
        return new(next, EffectsOf(next), [log]);
    }

    /// <summary>The effects that carry out a phase; re-issued unchanged when a controller resumes.</summary>
    public static IReadOnlyList<Effect> EffectsOf(Rollout s) => s.Phase switch
    {
        Starting => [new Effect.StartRevision(s.Version)],
        Verifying => [new Effect.RunChecks(CheckStage.BeforeFlip, s.Version)],
        Switching => [new Effect.SetWeights(Split(s.Version, s.Stable))],
        Confirming => [new Effect.RunChecks(CheckStage.AfterFlip, s.Version)],
        Retiring => [new Effect.RetireRevision(s.Stable!)],
        RollingBack => [new Effect.SetWeights(Split(s.Stable!, s.Version))],
        StoppingNew => [new Effect.RetireRevision(s.Version)],
        _ => [],
    };

    /// <summary>All traffic to <paramref name="to"/>; <paramref name="from"/> stays in the table at 0 so it drains.</summary>
    private static Dictionary<string, int> Split(string to, string? from) =>
        from is null ? new() { [to] = 100 } : new() { [to] = 100, [from] = 0 };
}
