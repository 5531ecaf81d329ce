using Greenlight.Scanning.Iac.Terraform;

namespace Greenlight.Scanning.Iac.Rules;

internal sealed class OpenIngressRule(IReadOnlySet<int> sensitivePorts) : ITerraformRule
{
    // ICMP "ports" are message types and codes, not services.
    private static readonly HashSet<string> PortlessProtocols = new(StringComparer.OrdinalIgnoreCase) { "icmp", "icmpv6", "1", "58" };

    public string Id => "IAC003";
    public string Title => "Security group open to the internet on a sensitive port";
    public IacSeverity Severity => IacSeverity.Critical;

    public IEnumerable<RuleHit> Check(PlanResource resource, TerraformPlan plan) =>
        from permission in IngressPermission.Of(resource)
        where permission.Cidr.EndsWith("/0", StringComparison.Ordinal) // 0.0.0.0/0, ::/0 and any spelling of them
        let exposed = Exposed(permission)
        where exposed is not null
        select new RuleHit(permission.Path,
            $"ingress from {permission.Cidr} to {exposed}: allow only known source ranges (VPN, bastion, load balancer)");

    private string? Exposed(IngressPermission p)
    {
        if (p.Protocol is "-1" or "all") return "all ports and protocols";
        if (PortlessProtocols.Contains(p.Protocol)) return null;
        int from = p.FromPort ?? 0, to = p.ToPort ?? 65535;
        if (from <= 0 && to >= 65535) return $"all {p.Protocol} ports";
        var hit = sensitivePorts.Where(port => port >= from && port <= to).Order().ToList();
        if (hit.Count == 0) return null;
        return from == to ? $"port {from}/{p.Protocol}" : $"ports {from}-{to}/{p.Protocol}, which include {string.Join(", ", hit)}";
    }
}
