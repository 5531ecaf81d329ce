namespace Greenlight.Core.Manifest;

/// <summary>What a container target (podman, docker, kubernetes) runs: <c>run.image</c>, <c>run.port</c>, <c>run.resources</c>.</summary>
/// <param name="Image">The image reference; <c>${version}</c> in it is the revision's version.</param>
/// <param name="Port">The port the app listens on inside its container (Greenlight also sets it as <c>PORT</c>).</param>
public sealed record ContainerSpec(string Image, int Port, ResourceLimits Resources);

/// <summary>What one container (or pod) may use: <paramref name="Cpus"/> CPUs (e.g. 0.5), <paramref name="MemoryBytes"/> of
/// memory. Null when not limited.</summary>
public sealed record ResourceLimits(decimal? Cpus, long? MemoryBytes)
{
    public static readonly ResourceLimits None = new(null, null);
}
