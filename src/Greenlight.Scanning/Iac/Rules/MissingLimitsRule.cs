using Greenlight.Scanning.Iac.Kubernetes;

namespace Greenlight.Scanning.Iac.Rules;

internal sealed class MissingLimitsRule : IContainerRule
{
    public string Id => "IAC006";
    public string Title => "Container without resource limits";
    public IacSeverity Severity => IacSeverity.Medium;

    public IEnumerable<RuleHit> Check(ContainerSpec container)
    {
        var resources = container.Node.Child("resources");
        var limits = resources.Child("limits");
        var missing = new[] { "memory", "cpu" }.Where(kind => limits.Child(kind) is null).ToList();
        if (missing.Count == 0) return [];
        var what = missing.Count == 1 ? $"{missing[0]} limit" : "memory and cpu limits";
        return [new RuleHit($"{container.Path}.resources.limits",
            $"container '{container.Name}' has no {what}: set resources.limits.{string.Join(" and resources.limits.", missing)}",
            (limits ?? resources ?? container.Node).Line())];
    }
}
