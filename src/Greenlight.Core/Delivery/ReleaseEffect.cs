namespace Greenlight.Core.Delivery;

/// <summary>Work the Engine must do for a release. Data only; every effect is idempotent so a resumed controller may repeat it.</summary>
public abstract record ReleaseEffect
{
    /// <summary>Run (or, if it exists, resume) the rollout of the release in one region, on the manifest's
    /// <c>ForRegion(Environment, Region)</c>; answered by <see cref="ReleaseObservation.RolloutEnded"/>.</summary>
    public sealed record StartRollout(string Environment, string Region) : ReleaseEffect;

    /// <summary>Return the region to the revision it served before the release; answered by
    /// <see cref="ReleaseObservation.RegionRolledBack"/> or <see cref="ReleaseObservation.RegionRollbackFailed"/>.</summary>
    public sealed record RollBackRegion(string Environment, string Region) : ReleaseEffect;

    /// <summary>Judge the new revision's live metrics in <paramref name="Regions"/> until <paramref name="Until"/>;
    /// a failing verdict is sent as <see cref="ReleaseObservation.BakeVerdict"/> at once.</summary>
    public sealed record StartBake(string Environment, int Wave, IReadOnlyList<string> Regions, DateTimeOffset Until) : ReleaseEffect;

    /// <summary>Keep the checks and analysis of <paramref name="Regions"/> running until <paramref name="Until"/>;
    /// a failure is sent as <see cref="ReleaseObservation.SoakFailed"/>.</summary>
    public sealed record StartSoak(string Environment, IReadOnlyList<string> Regions, DateTimeOffset Until) : ReleaseEffect;

    /// <summary>Send a <see cref="ReleaseObservation.Tick"/> at <paramref name="At"/> (at once if it is past).</summary>
    public sealed record Wake(DateTimeOffset At) : ReleaseEffect;
}

/// <summary>The result of one decision: the new state, what to do, what to log, and why a request was refused.</summary>
/// <param name="Refused">Set when the observation was a request the release turned down; the state is then unchanged.</param>
public sealed record ReleaseDecision(Release State, IReadOnlyList<ReleaseEffect> Effects, IReadOnlyList<string> Log, string? Refused = null)
{
    /// <summary>The request was refused by a rule about who may make it (an approval policy), not for the release's state.</summary>
    public bool Forbidden { get; init; }
}
