using Greenlight.Scanning.Iac.Kubernetes;

namespace Greenlight.Scanning.Iac.Rules;

internal sealed class PrivilegedContainerRule : IContainerRule
{
    public string Id => "IAC005";
    public string Title => "Privileged container";
    public IacSeverity Severity => IacSeverity.Critical;

    public IEnumerable<RuleHit> Check(ContainerSpec container) =>
        container.Node.Child("securityContext").Child("privileged") is { } privileged && privileged.IsTrue()
            ? [new RuleHit($"{container.Path}.securityContext.privileged",
                $"container '{container.Name}' runs privileged, with every capability and the host's devices: drop it and add only the capabilities it needs",
                privileged.Line())]
            : [];
}
