using Greenlight.Core.Manifest;

namespace Greenlight.Core.Delivery;

/// <summary>
/// One version of one app with one manifest snapshot, travelling through the environments in order: a stage per
/// environment. Immutable: the Engine stores each new value before it runs the effects that came with it.
/// </summary>
/// <param name="ManifestDigest">The content digest of the manifest snapshot the release carries.</param>
/// <param name="Hotfix">Soaks with each environment's <c>hotfixSoak</c> and may override a closed window with a reason.</param>
public sealed partial record Release(
    string Id,
    string App,
    string Version,
    string ManifestDigest,
    bool Hotfix,
    IReadOnlyList<Stage> Stages,
    ReleasePhase Phase,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The environment the release was deployed into; the ones before it passed in <see cref="Stage.PassedIn"/>.</summary>
    public required string Entry { get; init; }

    /// <summary>Why the release failed, halted, rolled back or was cancelled.</summary>
    public string? Reason { get; init; }

    /// <summary>Who deployed the release, as the API named the caller; approvals by them do not count under preventSelfReview.</summary>
    public string? Requester { get; init; }

    /// <summary>The author of <see cref="Commit"/>: under preventSelfReview they cannot approve the release.</summary>
    public CommitAuthor? Author { get; init; }

    /// <summary>The pipeline run that gated the release, once, before it entered any environment.</summary>
    public string? PipelineRunId { get; init; }

    /// <summary>The git commit released and its committer time (`git show -s --format=%cI`), as the CLI read them: the start
    /// of DORA's lead time for changes. Null when the manifest was not in git.</summary>
    public string? Commit { get; init; }

    /// <inheritdoc cref="Commit"/>
    public DateTimeOffset? CommittedAt { get; init; }

    /// <summary>The rollout of the release in each region, by <c>environment/region</c>, recorded before the region's lane
    /// is asked to start it: bookkeeping of the Engine, so that a resumed controller follows (or, if the lane never got
    /// the request, starts) that very rollout instead of starting another.</summary>
    public IReadOnlyDictionary<string, string> Rollouts { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A release of <paramref name="manifest"/>'s environments, in order. With <paramref name="entry"/> (an allowed
    /// <see cref="Promotion.CanEnter"/>) it starts in that environment, the earlier ones marked passed by the earlier release.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="entry"/> was refused or names no environment of the manifest.</exception>
    public static Release Create(string id, string app, string version, string manifestDigest, bool hotfix, AppManifest manifest,
        DateTimeOffset now, PromotionCheck? entry = null)
    {
        if (entry is { Allowed: false })
            throw new ArgumentException(entry.Reason, nameof(entry));
        var stages = manifest.Environments.Select(e => Stage.Create(e, hotfix)).ToList();
        var start = entry is null ? 0 : stages.FindIndex(s => s.Environment == entry.Environment);
        if (start < 0)
            throw new ArgumentException($"no environment \"{entry!.Environment}\" in the manifest of {app}", nameof(entry));
        for (var i = 0; i < start; i++)
            stages[i] = stages[i] with { Phase = StagePhase.Passed, PassedIn = entry!.PassedIn, Reason = entry.Reason };
        return new(id, app, version, manifestDigest, hotfix, stages, ReleasePhase.Running, now, now) { Entry = stages[start].Environment };
    }

    public Stage? StageOf(string environment) => Stages.FirstOrDefault(s => s.Environment == environment);

    /// <summary>The first stage that has not passed; null once every one did.</summary>
    public Stage? CurrentStage() => Stages.FirstOrDefault(s => s.Phase != StagePhase.Passed);

    /// <summary>Moves on by itself no more; a halted release can still be rolled back by request.</summary>
    public bool IsTerminal => Phase is not (ReleasePhase.Running or ReleasePhase.RollingBack);

    /// <summary>When the release must be looked at again without any event: a window opens, a bake or soak ends.</summary>
    public DateTimeOffset? WakeAt => Stages.Where(s => s.Phase is StagePhase.Waiting or StagePhase.Baking or StagePhase.Soaking).Min(s => s.Until);
}

public enum ReleasePhase
{
    Running,
    /// <summary>A stage returns its regions to the previous revision; the release stops when they are back.</summary>
    RollingBack,
    /// <summary>Every environment passed.</summary>
    Completed,
    RolledBack,
    /// <summary>A wave failed under <c>onFailure: halt</c>; nothing was undone and nothing more starts.</summary>
    Halted,
    /// <summary>A region could not be returned to the previous revision.</summary>
    Failed,
    /// <summary>Aborted before any region got the new version.</summary>
    Cancelled,
    /// <summary>An approver rejected it while it waited for approval; <see cref="Release.Reason"/> says who and why.</summary>
    Rejected,
}
