using Greenlight.Scanning.Iac.Kubernetes;

namespace Greenlight.Scanning.Iac.Rules;

/// <summary>A rule over one container (or init container) of a Kubernetes workload's pod template.</summary>
internal interface IContainerRule : IIacRule
{
    IEnumerable<RuleHit> Check(ContainerSpec container);
}
