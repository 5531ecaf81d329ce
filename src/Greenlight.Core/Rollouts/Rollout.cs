namespace Greenlight.Core.Rollouts;

/// <summary>
/// One release of one version, as persisted. Immutable: every transition is a new value that the
/// Engine stores before it runs the effects of that transition.
/// </summary>
/// <param name="Stable">The revision serving when the rollout began (blue); null on the first release.</param>
/// <param name="Outcome">While stopping the new revision: the terminal phase that follows (Failed or RolledBack).</param>
public sealed record Rollout(
    string Id,
    string App,
    string Version,
    string? Stable,
    RolloutPhase Phase,
    TimeSpan WarmFor,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FlippedAt = null,
    DateTimeOffset? WarmUntil = null,
    RolloutPhase? Outcome = null,
    string? Reason = null)
{
    public static Rollout Create(string id, string app, string version, string? stable, TimeSpan warmFor, DateTimeOffset now) =>
        new(id, app, version, stable, RolloutPhase.Starting, warmFor, now, now);

    /// <summary>The app has a database: expand migrations run before the new revision starts, contract ones after
    /// the old revision is retired. Such a rollout begins in <see cref="RolloutPhase.Expanding"/>.</summary>
    public bool Migrates { get; init; }

    /// <summary>Jumps the queue of waiting releases of the app; same pipeline and gates as any release.</summary>
    public bool Hotfix { get; init; }

    /// <summary>The manifest snapshot this release runs on (<see cref="Manifest.ManifestSnapshot.Digest"/>); null only in
    /// records written before releases carried their manifest.</summary>
    public string? ManifestDigest { get; init; }

    /// <summary>The committer time of the released git commit, when the manifest came from git: the start of DORA's lead time.</summary>
    public DateTimeOffset? CommittedAt { get; init; }

    /// <summary>The name of the revision this release starts, when it is not <see cref="Version"/>: a config release of a
    /// version that already runs gets a revision of its own (see <see cref="RevisionNames"/>). Set when it leaves the queue.</summary>
    public string? Revision { get; init; }

    /// <summary>The revision this release starts and routes to: <see cref="Revision"/>, or else <see cref="Version"/>.</summary>
    public string RevisionName => Revision ?? Version;

    /// <summary>The pipeline run that gates this release: run in <see cref="RolloutPhase.Gating"/>, or an earlier
    /// run of the same build that already passed. Null when the app has no pipeline.</summary>
    public string? PipelineRunId { get; init; }

    /// <summary>A canary's steps, copied from the manifest when the release began; null for blue-green.</summary>
    public IReadOnlyList<Manifest.CanaryStep>? Steps { get; init; }

    /// <summary>The canary step being carried out while <see cref="Phase"/> is Stepping.</summary>
    public int StepIndex { get; init; }

    /// <summary>The canary's share of traffic, in percent, as last applied.</summary>
    public int CanaryWeight { get; init; }

    /// <summary>End of a timed pause step.</summary>
    public DateTimeOffset? PauseUntil { get; init; }

    /// <summary>The verdict that ended the last analysis step, passed or failed, with its numbers.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(StoredVerdictJson))]
    public Analysis.AnalysisVerdict? LastVerdict { get; init; }

    /// <summary>Not a release: the serving revision <see cref="Version"/> died and is started again, while
    /// <see cref="Stable"/> (the warm previous revision, when the manifest allows it) takes the traffic meanwhile.</summary>
    public bool Repair { get; init; }

    /// <summary>Why <see cref="Stable"/> can no longer take traffic back (it died): a rollback to it is refused.</summary>
    public string? StableLost { get; init; }

    /// <summary>Failed attempts at the current phase's effects, in the phases that must finish (retire, roll back, stop).</summary>
    public int Attempts { get; init; }

    /// <summary>Controller restarts that resumed the current phase without it making progress.</summary>
    public int Resumes { get; init; }

    public Manifest.CanaryStep? CurrentStep => Phase == RolloutPhase.Stepping && Steps is { } s && StepIndex < s.Count ? s[StepIndex] : null;

    /// <summary>When the rollout must be looked at again without any event: end of the warm period or of a pause.</summary>
    public DateTimeOffset? WakeAt => Phase switch
    {
        RolloutPhase.Warm => WarmUntil,
        RolloutPhase.Stepping => PauseUntil,
        _ => null,
    };

    /// <summary>The revision this rollout left serving, once it left one: null while it runs or when it changed nothing.</summary>
    public string? Serves => Phase switch
    {
        RolloutPhase.Warm or RolloutPhase.Retiring or RolloutPhase.Contracting or RolloutPhase.Completed => RevisionName,
        RolloutPhase.RolledBack => Stable,
        // A rollback that found its target dead left the new revision with the traffic it had.
        RolloutPhase.Failed when CanaryWeight > 0 => RevisionName,
        _ => null,
    };

    public bool IsTerminal => Phase is RolloutPhase.Completed or RolloutPhase.Failed or RolloutPhase.RolledBack;

    /// <summary>Users are off the new revision for good: it ended, or it is being stopped after the swap back applied (or
    /// it never had traffic). What is left, draining and stopping the new revision, keeps the lane busy, not its users.</summary>
    public bool TrafficBack => IsTerminal || Phase == RolloutPhase.StoppingNew && CanaryWeight == 0;

    /// <summary>The release is over for whoever waits on it: it serves (warm or completed) or it ended otherwise.</summary>
    public bool IsSettled => IsTerminal || Phase == RolloutPhase.Warm;

    /// <summary>True while the rollout owns the app's lane: a release passed its gates waits in the queue for it.</summary>
    public bool IsActive => !IsTerminal && Phase is not (RolloutPhase.Gating or RolloutPhase.Queued or RolloutPhase.Warm or RolloutPhase.Retiring);

    /// <summary>Not yet touching the app: its gates run, or it waits for the lane.</summary>
    public bool IsWaiting => Phase is RolloutPhase.Gating or RolloutPhase.Queued;
}

public enum RolloutPhase
{
    /// <summary>The pipeline runs (build, tests, scans): nothing of the app is touched yet.</summary>
    Gating,
    /// <summary>Gates passed; waiting for the release ahead to finish (hotfixes first, then oldest first).</summary>
    Queued,
    /// <summary>Expand migrations run: additions the old revision can live with.</summary>
    Expanding,
    /// <summary>The new revision (green) is starting and must become healthy.</summary>
    Starting,
    /// <summary>Synthetic checks run against green directly, before any user reaches it.</summary>
    Verifying,
    /// <summary>Canary only: carrying out step StepIndex (a weight, a pause or an analysis).</summary>
    Stepping,
    /// <summary>All traffic moves to green in one swap.</summary>
    Switching,
    /// <summary>Synthetic checks run through the edge right after the flip.</summary>
    Confirming,
    /// <summary>Green serves; blue stays running until WarmUntil for instant rollback.</summary>
    Warm,
    /// <summary>Blue is drained and stopped.</summary>
    Retiring,
    /// <summary>No older revision runs any more: contract migrations (removals) run.</summary>
    Contracting,
    /// <summary>All traffic goes back to blue in one swap.</summary>
    RollingBack,
    /// <summary>Green is drained and stopped; Outcome follows.</summary>
    StoppingNew,
    Completed,
    Failed,
    RolledBack,
}
