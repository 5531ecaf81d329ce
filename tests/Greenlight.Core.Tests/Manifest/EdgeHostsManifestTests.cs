using Greenlight.Core.Manifest;

namespace Greenlight.Core.Tests.Manifest;

/// <summary><c>edge.hosts</c>: the host names an app answers on a listen address it may share with other apps.</summary>
public sealed class EdgeHostsManifestTests
{
    private static string Manifest(string edge) => $"""
        app: shop
        run:
          command: dotnet
        edge:
          listen: 127.0.0.1:8080
        {edge}
        """;

    [Fact]
    public void Parse_HostsAndAWildcard_ReadInLowerCase() =>
        Assert.Equal(
            ["shop.example.com", "*.shop.example.com"],
            ManifestLoader.Parse(Manifest("""  hosts: [Shop.Example.com, "*.shop.example.com"]"""), "greenlight.yaml").Manifest!.Edge.Hosts);

    [Fact]
    public void Parse_NoHosts_LeavesThemNull() =>
        Assert.Null(ManifestLoader.Parse(Manifest(""), "greenlight.yaml").Manifest!.Edge.Hosts);

    [Fact]
    public void Parse_BadAndRepeatedNames_AreReportedWithLineAndColumn() =>
        Assert.Equal(
            [
                "greenlight.yaml:6:10: edge.hosts: found \"shop.example.com\" a second time, expected each host name once",
                "greenlight.yaml:6:29: edge.hosts[1]: found \"a.*.example.com\", expected a DNS host name such as shop.example.com, or *.shop.example.com for any one label in front of it",
                "greenlight.yaml:6:46: edge.hosts[2]: found \"shop.example.com:80\", expected a DNS host name such as shop.example.com, or *.shop.example.com for any one label in front of it",
            ],
            Errors(Manifest("""  hosts: [shop.example.com, a.*.example.com, "shop.example.com:80", SHOP.example.com]""")));

    [Fact]
    public void Parse_HostsWithTheHaproxyRouter_AreRefusedNotDropped() =>
        Assert.Contains(
            "edge.hosts: found hosts with router \"haproxy\", expected router \"edge\" for host-based routing",
            Assert.Single(Errors(Manifest("  router: haproxy\n  hosts: [shop.example.com]"))));

    [Fact]
    public void Parse_TlsCertificateForANameTheAppDoesNotAnswer_IsRefused() =>
        Assert.Equal(
            ["greenlight.yaml:12:16: edge.tls.hosts[1].host: found \"admin.example.com\", which edge.hosts does not name, expected one of the app's edge.hosts: its certificate is served only to requests for this app"],
            Errors(Manifest("""
                  hosts: ["*.shop.example.com"]
                  tls:
                    certificate: shop.crt.pem
                    key: shop.key.pem
                    hosts:
                      - {host: eu.shop.example.com, certificate: eu.crt.pem, key: eu.key.pem}
                      - {host: admin.example.com, certificate: admin.crt.pem, key: admin.key.pem}
                """)));

    private static IReadOnlyList<string> Errors(string yaml) =>
        [.. ManifestLoader.Parse(yaml, "greenlight.yaml").Errors.Select(e => e.ToString())];
}
