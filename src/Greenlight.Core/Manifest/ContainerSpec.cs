namespace Greenlight.Core.Manifest;

/// <summary>What a container target (podman, kubernetes) runs: <c>run.image</c>, <c>run.port</c>, <c>run.resources</c>.</summary>
/// <param name="Image">The image reference; <c>${version}</c> in it is the revision's version.</param>
/// <param name="Port">The port the container listens on (Greenlight also sets it as <c>PORT</c>).</param>
public sealed record ContainerSpec(string Image, int Port, ResourceLimits Resources);

/// <summary>Limits of one container (or pod): <paramref name="Cpus"/> as a decimal count such as 0.5, <paramref name="Memory"/>
/// as a quantity such as 256Mi. Null when not limited.</summary>
public sealed record ResourceLimits(string? Cpus, string? Memory)
{
    public static readonly ResourceLimits None = new(null, null);
}
