namespace Greenlight.Core.Delivery;

/// <summary>What the Engine saw since the last decision about a release: a result of an effect, a request, time passing.</summary>
public abstract record ReleaseObservation
{
    /// <summary>The driver starts: a new release enters its first environment; otherwise the effects of every stage's
    /// current phase are issued again (all idempotent). <paramref name="AfterRestart"/>: a restarted controller picked it up.</summary>
    public sealed record Resume(bool AfterRestart = false) : ReleaseObservation;

    /// <summary>Time passed (a <see cref="ReleaseEffect.Wake"/> fired): windows, bakes and soaks are looked at again.</summary>
    public sealed record Tick : ReleaseObservation;

    /// <summary>The rollout in one region ended; Completed once it serves the new version (warm or completed).</summary>
    public sealed record RolloutEnded(string Environment, string Region, RolloutResult Outcome, string? Reason = null) : ReleaseObservation;

    /// <summary>The judgement of a wave's bake (<paramref name="Wave"/> 0-based). A pass before the bake's end is recorded;
    /// the bake still lasts its time. A fail ends it at once.</summary>
    public sealed record BakeVerdict(string Environment, int Wave, bool Pass, string Reason) : ReleaseObservation;

    /// <summary>A check or analysis failed during the soak.</summary>
    public sealed record SoakFailed(string Environment, string Reason) : ReleaseObservation;

    /// <summary>The answer to <see cref="ReleaseEffect.RollBackRegion"/>: the region serves the previous revision.</summary>
    public sealed record RegionRolledBack(string Environment, string Region) : ReleaseObservation;

    /// <summary>The answer to <see cref="ReleaseEffect.RollBackRegion"/> when the region could not be returned.</summary>
    public sealed record RegionRollbackFailed(string Environment, string Region, string Reason) : ReleaseObservation;

    /// <summary>`greenlight promote-release &lt;release&gt; --to <paramref name="ToEnvironment"/>`.</summary>
    public sealed record PromoteRequested(string ToEnvironment, string? Reason = null) : ReleaseObservation;

    /// <summary>A hotfix starts its waves in <paramref name="Environment"/> even while the window is closed, for this reason.</summary>
    public sealed record WindowOverride(string Environment, string Reason) : ReleaseObservation;

    /// <summary>`greenlight approve`: <paramref name="By"/> approves the release where it awaits approval.
    /// <paramref name="HoldsRole"/>: they hold one of the approval's roles there (the Engine asked the roles).</summary>
    public sealed record ApprovalRequested(string By, string Reason, bool HoldsRole) : ReleaseObservation;

    /// <summary>`greenlight reject`: the release ends Rejected where it awaits approval.</summary>
    public sealed record RejectionRequested(string By, string Reason, bool HoldsRole) : ReleaseObservation;

    /// <summary>Stop the release and return every region that got the new version to the previous one.</summary>
    public sealed record AbortRequested(string Reason) : ReleaseObservation;

    /// <summary>`greenlight rollback &lt;release&gt;` of a release that ended Halted or Failed: the regions in
    /// <paramref name="Serving"/> (environment/region), which the Engine found still serving the release's revision, go back.</summary>
    public sealed record RollbackRequested(string Reason, IReadOnlyList<string> Serving) : ReleaseObservation;
}

public enum RolloutResult
{
    /// <summary>The region serves the new version.</summary>
    Completed,
    /// <summary>The rollout failed and put the previous revision back.</summary>
    RolledBack,
    /// <summary>The rollout failed otherwise (the new revision never became healthy, or its rollback failed).</summary>
    Failed,
}
