using Greenlight.Scanning.Iac.Kubernetes;

namespace Greenlight.Scanning.Iac.Rules;

/// <summary>
/// <c>:latest</c> (or no tag, which means the same) changes under a running workload: two pods of one revision
/// can run different code, and a rollback restores the name but not the bits. Stricter than <see cref="TagOnlyImageRule"/>.
/// </summary>
internal sealed class MutableImageTagRule : IContainerRule
{
    public string Id => "IAC007";
    public string Title => "Image uses latest or no tag";
    public IacSeverity Severity => IacSeverity.High;

    public IEnumerable<RuleHit> Check(ContainerSpec container)
    {
        if (container.Image is not { } image) return [];
        var reference = ImageReference.Parse(image.Value);
        if (reference.IsDigestPinned || reference.Tag is not (null or "latest")) return [];
        var problem = reference.Tag is null ? "has no tag, so it pulls whatever ':latest' is" : "uses the moving tag ':latest'";
        return [new RuleHit($"{container.Path}.image",
            $"container '{container.Name}' image '{image.Value}' {problem}: pin it by digest ({reference.Repository}@sha256:...)", image.Line)];
    }
}
