using System.Text.Json;

namespace Greenlight.Scanning.Iac.Terraform;

/// <summary>One source CIDR allowed in by a security group, whichever of the three resource shapes said so.</summary>
/// <param name="Path">Attribute path of the CIDR, e.g. <c>ingress[0].cidr_blocks[1]</c>.</param>
/// <param name="FromPort">Null where the protocol has no ports (<c>-1</c> in aws_vpc_security_group_ingress_rule).</param>
internal sealed record IngressPermission(string Path, string Cidr, string Protocol, int? FromPort, int? ToPort)
{
    public static IEnumerable<IngressPermission> Of(PlanResource resource) => resource.Type switch
    {
        "aws_security_group" => resource.Values.Items("ingress").SelectMany((rule, i) => Blocks(rule, $"ingress[{i}].")),
        "aws_security_group_rule" when resource.Values.String("type") == "ingress" => Blocks(resource.Values, ""),
        "aws_vpc_security_group_ingress_rule" => Single(resource, "cidr_ipv4").Concat(Single(resource, "cidr_ipv6")),
        _ => [],
    };

    private static IEnumerable<IngressPermission> Blocks(JsonElement rule, string prefix) =>
        new[] { "cidr_blocks", "ipv6_cidr_blocks" }.SelectMany(list => rule.Strings(list).Select((cidr, j) =>
            new IngressPermission($"{prefix}{list}[{j}]", cidr, rule.String("protocol") ?? "", rule.Int("from_port"), rule.Int("to_port"))));

    private static IEnumerable<IngressPermission> Single(PlanResource resource, string attribute) =>
        resource.Values.String(attribute) is { } cidr
            ? [new IngressPermission(attribute, cidr, resource.Values.String("ip_protocol") ?? "", resource.Values.Int("from_port"), resource.Values.Int("to_port"))]
            : [];
}
