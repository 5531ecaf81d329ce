using static Greenlight.Core.Rollouts.RolloutPhase;

namespace Greenlight.Core.Rollouts;

public static partial class RolloutMachine
{
    /// <summary>Retiring, rolling back and stopping are retried with a growing delay, at most this many times.</summary>
    public const int MaxAttempts = 8;

    /// <summary>A phase whose effects a controller restarted this many times without progress is given up:
    /// whatever stops the controller there (a crash) would stop every later one too.</summary>
    public const int MaxResumes = 3;

    /// <summary>How long the driver waits before attempt <paramref name="attempts"/>+1: 1s, 2s, 4s … at most 30s.</summary>
    public static TimeSpan RetryDelay(int attempts) => TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Clamp(attempts - 1, 0, 5)));

    private static Decision Resume(Rollout s, bool afterRestart, DateTimeOffset now)
    {
        // Waiting phases (queued, warm, a pause) have nothing to repeat; a restart there is no sign of trouble.
        if (!afterRestart || EffectsOf(s).Count == 0)
            return new(s, EffectsOf(s), []);
        var resumed = s with { Resumes = s.Resumes + 1 };
        return resumed.Resumes < MaxResumes
            ? new(resumed, EffectsOf(resumed), [$"resumed in phase {s.Phase} (restart {resumed.Resumes} of at most {MaxResumes - 1} without progress)"])
            : Fail(resumed, $"the controller stopped {MaxResumes - 1} times in phase {s.Phase} before it finished; not trying it again", now);
    }

    /// <summary>Before users reach the new revision, failing means stopping it; after, stable takes the traffic back.</summary>
    private static Decision Fail(Rollout s, string reason, DateTimeOffset now) => s.Phase switch
    {
        // Nothing started yet: the old revision serves on the schema as it was, or as far as it got.
        Gating or Queued or Expanding => Enter(s with { Reason = reason }, Failed, now),
        // The release itself is done; the removals wait for the next release or `greenlight db migrate`.
        Contracting => Enter(s with { Reason = $"released; contract migrations failed: {reason}" }, Completed, now),
        Starting or Verifying => Enter(s with { Outcome = Failed, Reason = reason }, StoppingNew, now),
        Stepping or Switching or Confirming when s.Stable is not null =>
            Enter(s with { Outcome = s.Phase == Switching ? Failed : RolledBack, Reason = reason }, RollingBack, now),
        Switching or Confirming => Enter(s with { Outcome = Failed, Reason = reason }, StoppingNew, now),
        // Retiring, rolling back and stopping must finish: the same effects again, later, a bounded number of times.
        Retiring or RollingBack or StoppingNew when s.Attempts + 1 < MaxAttempts =>
            new(s with { Attempts = s.Attempts + 1 }, EffectsOf(s), [$"retrying {s.Phase} (attempt {s.Attempts + 2} of {MaxAttempts}): {reason}"]),
        Retiring or RollingBack or StoppingNew => GiveUp(s, $"gave up after {MaxAttempts} attempts: {reason}", now),
        _ => Unchanged(s, $"{s.Phase}: {reason}"),
    };

    /// <summary>Ends a phase that cannot finish, leaving traffic where it is and saying so.</summary>
    private static Decision GiveUp(Rollout s, string why, DateTimeOffset now) => s.Phase switch
    {
        Retiring => Enter(s with { Reason = $"{s.Stable} was not stopped ({why}); stop it by hand (its pid is in `greenlight status`)" }, Completed, now),
        RollingBack => Enter(s with { Reason = $"{s.Reason}; rollback to {s.Stable} not done ({why}): traffic left as it was" }, Failed, now),
        _ => Enter(s with { Reason = $"{s.Reason}; {s.RevisionName} was not stopped ({why})" }, s.Outcome ?? Failed, now),
    };

    private static Decision RequestRollback(Rollout s, string reason, DateTimeOffset now) => s.Phase switch
    {
        Gating or Queued or Expanding => Enter(s with { Reason = $"aborted: {reason}" }, Failed, now),
        Starting or Verifying => Enter(s with { Outcome = Failed, Reason = $"aborted: {reason}" }, StoppingNew, now),
        Warm when s.StableLost is not null => Unchanged(s, $"rollback refused: {s.Stable} died ({s.StableLost})"),
        Stepping or Switching or Confirming or Warm when s.Stable is not null =>
            Enter(s with { Outcome = RolledBack, Reason = reason }, RollingBack, now),
        // A phase that keeps failing ends on request instead of retrying on.
        Retiring or RollingBack or StoppingNew when s.Attempts > 0 => GiveUp(s, $"{reason} while retrying", now),
        _ => new(s, [], [$"rollback ignored in phase {s.Phase}" + (s.Stable is null ? " (no previous revision)" : "")]),
    };

    /// <summary>Traffic moves away from a dead revision without its help; a dead new revision fails the release, a dead
    /// previous one can no longer take the traffic back.</summary>
    private static Decision Died(Rollout s, Observation.RevisionDied d, DateTimeOffset now)
    {
        var what = $"revision {d.Version} died: {d.Reason}";
        if (d.Version == s.RevisionName)
            return s.Phase is Starting or Verifying or Stepping or Switching or Confirming ? Fail(s, what, now) : Unchanged(s, what);
        if (d.Version != s.Stable || s.IsWaiting || s.IsTerminal)
            return Unchanged(s);
        var lost = s with { StableLost = $"{d.Reason} at {now:HH:mm:ss}" };
        return s.Phase switch
        {
            RollingBack => Enter(lost with { Reason = $"{s.Reason}; cannot roll back to {d.Version}: it died ({d.Reason}); {s.RevisionName} keeps its traffic" }, Failed, now),
            // A canary compared with a dead stable proves nothing, and a later rollback would have nowhere to go.
            Stepping => Fail(lost, $"stable {what}", now),
            Retiring => Unchanged(s, what),
            // The phase's effects go on (a signal may have interrupted them); the dead revision is left out of them.
            _ => new(lost, EffectsOf(lost), [$"{what}; a rollback to it is no longer possible"]),
        };
    }
}
