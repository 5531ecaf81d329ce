using static Greenlight.Core.Delivery.ReleasePhase;

namespace Greenlight.Core.Delivery;

/// <summary>
/// The release state machine: a release enters its first environment, runs that stage (window, waves, bakes, soak),
/// then moves to the next environment, automatically or on request. A failure below travels up as an observation:
/// a rollout that failed fails its wave, the stage rolls back its regions, the release stops. Pure: no I/O, time
/// comes in as <c>now</c>.
/// </summary>
public static partial class ReleaseMachine
{
    public static ReleaseDecision Decide(Release state, ReleaseObservation observation, DateTimeOffset now)
    {
        var j = new Journal();
        var next = observation switch
        {
            ReleaseObservation.Resume r => Resume(state, r.AfterRestart, j),
            ReleaseObservation.Tick => EachStage(state, s => StageMachine.Tick(s, now, j)),
            ReleaseObservation.RolloutEnded e => OnStage(state, e.Environment, s => StageMachine.RolloutEnded(s, e, now, j)),
            ReleaseObservation.BakeVerdict v => OnStage(state, v.Environment, s => StageMachine.Bake(s, v, now, j)),
            ReleaseObservation.SoakFailed f => OnStage(state, f.Environment, s => StageMachine.SoakFailed(s, f.Reason, j)),
            ReleaseObservation.RegionRolledBack b => OnStage(state, b.Environment, s => StageMachine.RegionRolledBack(s, b.Region, null, now, j)),
            ReleaseObservation.RegionRollbackFailed f => OnStage(state, f.Environment, s => StageMachine.RegionRolledBack(s, f.Region, f.Reason, now, j)),
            ReleaseObservation.PromoteRequested p => Promote(state, p, now, j),
            ReleaseObservation.WindowOverride o => OverrideWindow(state, o, now, j),
            ReleaseObservation.AbortRequested a => Abort(state, a.Reason, j),
            ReleaseObservation.ApprovalRequested a => Approve(state, a, now, j),
            ReleaseObservation.RejectionRequested a => Reject(state, a, j),
            ReleaseObservation.RollbackRequested b => RollBackEnded(state, b, j),
            _ => state,
        };
        next = Settle(next, now, j);
        return new(ReferenceEquals(next, state) ? state : next with { UpdatedAt = now }, j.Effects, j.Log, j.Refused) { Forbidden = j.Forbidden };
    }

    /// <summary>Moves the release on from what its stages decided: into the next stage, or to its end.</summary>
    private static Release Settle(Release r, DateTimeOffset now, Journal j)
    {
        if (r.Stages.FirstOrDefault(s => s.Phase == StagePhase.RollingBack) is { } rolling)
            return r.Phase == RollingBack ? r : End(r, RollingBack, r.Reason ?? Why(rolling), j);
        if (r.Phase == RollingBack)
            return r.Stages.FirstOrDefault(s => s.Phase == StagePhase.Failed) is { } failed ? End(r, Failed, Why(failed), j) : End(r, RolledBack, r.Reason, j);
        if (r.Phase != Running)
            return r;
        for (var i = 0; i < r.Stages.Count; i++)
        {
            if (r.Stages[i].Phase == StagePhase.Pending)
                r = Replace(r, i, StageMachine.Enter(r.Stages[i], EnteredBy(r, i), r, now, j));
            var stage = r.Stages[i];
            switch (stage.Phase)
            {
                case StagePhase.Passed:
                    continue;
                case StagePhase.RolledBack:
                    return End(r, RolledBack, r.Reason ?? Why(stage), j);
                case StagePhase.Halted:
                    return End(r, Halted, Why(stage), j);
                case StagePhase.Failed:
                    return End(r, Failed, Why(stage), j);
                case StagePhase.Cancelled:
                    return End(r, Cancelled, r.Reason ?? Why(stage), j);
                case StagePhase.Rejected:
                    return End(r, Rejected, Why(stage), j);
                default:
                    return r;
            }
        }

        return End(r, Completed, null, j);
    }

    /// <summary>How the release enters stage <paramref name="index"/>; null when it waits for a manual promotion.</summary>
    private static string? EnteredBy(Release r, int index)
    {
        var stage = r.Stages[index];
        if (stage.Environment == r.Entry)
            return r.Hotfix ? "deployed as a hotfix" : "deployed";
        var previous = r.Stages[index - 1];
        return stage.Plan.Promotion == Manifest.PromotionMode.Manual
            ? null
            : $"promoted automatically: {previous.Environment} passed at {Journal.Time(previous.PassedAt!.Value)}";
    }

    private static Release End(Release r, ReleasePhase phase, string? reason, Journal j)
    {
        j.Log.Add($"release {r.Id} of {r.Version}: {phase}" + (reason is null ? "" : $": {reason}"));
        return r with { Phase = phase, Reason = reason };
    }

    private static string Why(Stage s) => $"{s.Environment}: {s.Reason}";

    private static Release OnStage(Release r, string environment, Func<Stage, Stage> decide)
    {
        var index = IndexOf(r, environment);
        return index < 0 ? r : Replace(r, index, decide(r.Stages[index]));
    }

    private static Release EachStage(Release r, Func<Stage, Stage> decide)
    {
        for (var i = 0; i < r.Stages.Count; i++)
            r = Replace(r, i, decide(r.Stages[i]));
        return r;
    }

    private static Release Replace(Release r, int index, Stage stage) =>
        ReferenceEquals(r.Stages[index], stage) ? r : r with { Stages = [.. r.Stages.Select((s, i) => i == index ? stage : s)] };

    private static int IndexOf(Release r, string environment) => r.Stages.ToList().FindIndex(s => s.Environment == environment);
}
