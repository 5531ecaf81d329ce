using Greenlight.Scanning.Iac;

namespace Greenlight.Scanning.Tests.Iac;

public sealed class SecurityGroupRuleTests
{
    [Theory]
    [InlineData("tcp", 22, 22, "0.0.0.0/0", true)]
    [InlineData("tcp", 22, 22, "10.0.0.0/8", false)]
    [InlineData("tcp", 443, 443, "0.0.0.0/0", false)]
    [InlineData("tcp", 0, 1000, "0.0.0.0/0", true)]
    [InlineData("tcp", 0, 65535, "0.0.0.0/0", true)]
    [InlineData("-1", 0, 0, "0.0.0.0/0", true)]
    [InlineData("udp", 11211, 11211, "0.0.0.0/0", true)]
    [InlineData("icmp", -1, -1, "0.0.0.0/0", false)]
    public void Scan_SecurityGroupRule_ReportsWorldOpenSensitivePorts(string protocol, int from, int to, string cidr, bool reported)
    {
        var rule = Plan.Resource("aws_security_group_rule", "r",
            $$"""{"type": "ingress", "protocol": "{{protocol}}", "from_port": {{from}}, "to_port": {{to}}, "cidr_blocks": ["{{cidr}}"]}""");

        Assert.Equal(reported, OneFile.Scan("plan.json", Plan.With([rule])).Any(f => f.RuleId == "IAC003"));
    }

    [Fact]
    public void Scan_PortRangeContainingSsh_NamesTheSensitivePortsInIt()
    {
        var rule = Plan.Resource("aws_security_group_rule", "r",
            """{"type": "ingress", "protocol": "tcp", "from_port": 20, "to_port": 3400, "cidr_blocks": ["10.0.0.0/8", "0.0.0.0/0"]}""");

        var finding = Assert.Single(OneFile.Scan("plan.json", Plan.With([rule])));

        Assert.Equal(("cidr_blocks[1]", IacSeverity.Critical), (finding.AttributePath, finding.Severity));
        Assert.Contains("ports 20-3400/tcp, which include 22, 1433, 1521, 2375, 2376, 3306, 3389", finding.Message);
    }

    [Fact]
    public void Scan_EgressRule_IsNotIngress()
    {
        var rule = Plan.Resource("aws_security_group_rule", "r",
            """{"type": "egress", "protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}""");

        Assert.Empty(OneFile.Scan("plan.json", Plan.With([rule])));
    }

    [Fact]
    public void Scan_InlineIngressOpenToIpv6World_IsReportedAtItsCidr()
    {
        var group = Plan.Resource("aws_security_group", "db", """
            {"ingress": [{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr_blocks": [], "ipv6_cidr_blocks": ["::/0"]}]}
            """);

        var finding = Assert.Single(OneFile.Scan("plan.json", Plan.With([group])));

        Assert.Equal("ingress[0].ipv6_cidr_blocks[0]", finding.AttributePath);
        Assert.Contains("::/0 to port 5432/tcp", finding.Message);
    }

    [Theory]
    [InlineData("""{"ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"}""", "cidr_ipv4")]
    [InlineData("""{"ip_protocol": "tcp", "from_port": 3389, "to_port": 3389, "cidr_ipv6": "::/0"}""", "cidr_ipv6")]
    public void Scan_VpcIngressRuleOpenToWorld_IsReported(string values, string path)
    {
        var rule = Plan.Resource("aws_vpc_security_group_ingress_rule", "r", values);

        Assert.Equal(path, Assert.Single(OneFile.Scan("plan.json", Plan.With([rule]))).AttributePath);
    }

    [Fact]
    public void Scan_CustomSensitivePorts_ReplaceTheDefaults()
    {
        var rule = Plan.Resource("aws_vpc_security_group_ingress_rule", "r",
            """{"ip_protocol": "tcp", "from_port": 8080, "to_port": 8080, "cidr_ipv4": "0.0.0.0/0"}""");
        var options = new IacScanOptions { SensitivePorts = new HashSet<int> { 8080 } };

        Assert.Single(OneFile.Scan("plan.json", Plan.With([rule]), options));
        Assert.Empty(OneFile.Scan("plan.json", Plan.With([rule])));
    }
}
