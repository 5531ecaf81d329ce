namespace Greenlight.Engine.Control;

/// <param name="Hotfix">Goes before every other release waiting for the app; the gates are the same.</param>
/// <param name="Build">A passed pipeline run of this very build (same pipeline, same commit): the release skips its own run.</param>
public sealed record DeployRequest(string Version, bool Hotfix = false, string? Build = null);
