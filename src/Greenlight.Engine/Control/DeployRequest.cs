namespace Greenlight.Engine.Control;

/// <param name="Hotfix">Goes before every other release waiting for the app; the gates are the same.</param>
/// <param name="Build">A passed pipeline run of this very build (same pipeline, same commit): the release skips its own run.</param>
/// <param name="Manifest">The manifest to release with, validated; null releases with the controller's manifest file as
/// it is at this moment.</param>
public sealed record DeployRequest(string Version, bool Hotfix = false, string? Build = null, Core.Manifest.ManifestSnapshot? Manifest = null)
{
    /// <summary>The pipeline run that gated the whole release (one per release, before its first region): the rollout in a
    /// region does not run it again. Set by the release driver only, never from the API.</summary>
    internal Core.Pipelines.PipelineRun? GatedBy { get; init; }

    /// <summary>The id the rollout gets, chosen and recorded by the release driver before it asks: a rollout of that id
    /// that already exists is returned as it is, so a release resumed after a crash never starts its region twice. Set
    /// by the release driver only, never from the API.</summary>
    internal string? RolloutId { get; init; }
}
