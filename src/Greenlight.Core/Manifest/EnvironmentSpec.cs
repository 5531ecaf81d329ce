namespace Greenlight.Core.Manifest;

/// <summary>
/// One environment of the delivery path (staging, production …): where a release goes, in which order its regions
/// take it, and what must hold before it goes on to the next environment. Built only by <see cref="ManifestLoader"/>.
/// </summary>
/// <param name="Regions">Never empty; each region is its own edge and its own revisions.</param>
/// <param name="Waves">Region names in release order; every region is in exactly one wave.</param>
public sealed record EnvironmentSpec(string Name, IReadOnlyList<RegionSpec> Regions, IReadOnlyList<IReadOnlyList<string>> Waves)
{
    /// <summary>The name of the environment and region a manifest without <c>environments</c> has.</summary>
    public const string DefaultName = "default";

    /// <summary>How a release enters this environment from the previous one.</summary>
    public PromotionMode Promotion { get; init; } = PromotionMode.Auto;

    /// <summary>When waves may start here; null when they may start at any time.</summary>
    public DeploymentWindow? Window { get; init; }

    /// <summary>Minimum time after the last wave, its checks and analysis still green, before the next environment.</summary>
    public TimeSpan Soak { get; init; }

    /// <summary>The <see cref="Soak"/> of a hotfix.</summary>
    public TimeSpan HotfixSoak { get; init; }

    /// <summary>Regions of one wave running at once; null: all of the wave.</summary>
    public int? MaxParallel { get; init; }

    /// <summary>After each wave, how long the new revision's live metrics keep being judged before the next wave.</summary>
    public TimeSpan Bake { get; init; }

    public FailurePolicy OnFailure { get; init; } = FailurePolicy.RollbackAll;

    /// <summary>Who must approve a release before its waves start here; null: nobody.</summary>
    public ApprovalRule? Approval { get; init; }

    public EnvironmentOverrides Overrides { get; init; } = EnvironmentOverrides.None;

    /// <summary>The one environment of a manifest that declares none: one region on the top-level edge.</summary>
    public static EnvironmentSpec Implicit(EdgeSpec edge) => new(DefaultName, [new RegionSpec(DefaultName, edge)], [[DefaultName]]);
}

public sealed record RegionSpec(string Name, EdgeSpec Edge);

public enum PromotionMode
{
    /// <summary>As soon as the previous environment passed (its soak included).</summary>
    Auto,
    /// <summary>On `greenlight promote-release`, once the previous environment passed.</summary>
    Manual,
}

public enum FailurePolicy
{
    /// <summary>A failure in wave N returns every region of waves 1..N to the previous revision.</summary>
    RollbackAll,
    /// <summary>A failure in wave N leaves every region as it is; later waves never start.</summary>
    Halt,
}
