using Greenlight.Scanning.Iac.Kubernetes;

namespace Greenlight.Scanning.Iac.Rules;

/// <summary>
/// A version tag is a convention, not a guarantee: it can be pushed again. Kept apart from
/// <see cref="MutableImageTagRule"/>, at a lower severity, so a team can accept tags without accepting ':latest'.
/// </summary>
internal sealed class TagOnlyImageRule : IContainerRule
{
    public string Id => "IAC008";
    public string Title => "Image pinned by tag, not by digest";
    public IacSeverity Severity => IacSeverity.Low;

    public IEnumerable<RuleHit> Check(ContainerSpec container)
    {
        if (container.Image is not { } image) return [];
        var reference = ImageReference.Parse(image.Value);
        if (reference.IsDigestPinned || reference.Tag is null or "latest") return [];
        return [new RuleHit($"{container.Path}.image",
            $"container '{container.Name}' image '{image.Value}' is pinned by tag only, and a tag can be moved: pin it by digest ({image.Value}@sha256:...)",
            image.Line)];
    }
}
