using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary><c>run.target: kubernetes</c>, its <c>run.image/port/resources</c> and the <c>kubernetes</c> section.</summary>
public sealed class KubernetesManifestTests
{
    // Line 1 is "app: shop"; the kubernetes section starts on line 8.
    private const string Kubernetes = """
        app: shop
        run:
          target: kubernetes
          image: registry.example.com/shop:${version}
          port: 8080
          resources: { cpus: "0.5", memory: 256Mi }
          instances: 3
        kubernetes:
          namespace: shop
          gateway: { name: public, namespace: infra }
          hostnames: [shop.example.com]
        """;

    private static AppManifest Read(string yaml) => ManifestLoader.Parse(yaml, "greenlight.yaml").GetOrThrow();

    [Fact]
    public void Parse_KubernetesApp_ReadsTargetContainerAndCluster_WithTheGatewayAsItsPublicAddress()
    {
        var manifest = Read(Kubernetes);

        Assert.Equal("kubernetes", manifest.Run.Target);
        Assert.Equal(new ContainerSpec("registry.example.com/shop:${version}", 8080, new ResourceLimits(0.5m, 256L << 20)), manifest.Run.Container);
        Assert.Equal("registry.example.com/shop:2.4.1", manifest.Run.ForVersion("2.4.1").Container!.Image);
        Assert.Equal(("shop", new GatewayRef("public", "infra")), (manifest.Kubernetes!.Namespace, manifest.Kubernetes.Gateway));
        Assert.Equal(["shop.example.com"], manifest.Kubernetes.Hostnames);
        Assert.Equal("shop.example.com:80", manifest.Edge.Listen);
        Assert.Equal("", manifest.Run.Command); // the image's entrypoint
    }

    [Fact]
    public void Parse_ProcessApp_HasNoContainerAndNoCluster()
    {
        var manifest = Read(Minimal);
        Assert.Equal(("process", null, null), (manifest.Run.Target, manifest.Run.Container, manifest.Kubernetes));
    }

    [Fact]
    public void Parse_KubernetesSectionWithTheProcessTarget_IsRefusedAtTheSection() =>
        Assert.Equal(
            ["greenlight.yaml:7:3: kubernetes: found a kubernetes section with run.target process, expected run.target: kubernetes, or no kubernetes section: only the kubernetes target runs in a cluster"],
            Errors(With("kubernetes:\n  namespace: shop\n  gateway: { name: public }")));

    [Fact]
    public void Parse_KubernetesTargetWithoutItsSection_SaysWhatIsMissing() =>
        Assert.Equal(
            ["greenlight.yaml:1:1: kubernetes: missing required key, expected a mapping"],
            Errors(Kubernetes[..Kubernetes.IndexOf("kubernetes:\n", StringComparison.Ordinal)] + "edge:\n  listen: 127.0.0.1:8080"));

    [Fact]
    public void Parse_MissingNamespaceAndGatewayName_AreEachReportedWithLineAndColumn() =>
        Assert.Equal(
            [
                "greenlight.yaml:9:3: kubernetes.namespace: missing required key, expected an RFC 1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters",
                "greenlight.yaml:9:12: kubernetes.gateway.name: missing required key, expected an RFC 1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters",
            ],
            Errors(Kubernetes.Replace("  namespace: shop\n", "").Replace("name: public, ", "")));

    [Fact]
    public void Parse_ImageWithTheProcessTarget_IsRefusedAtTheImage() =>
        Assert.Equal(
            ["greenlight.yaml:4:10: run.image: only for a container target (run.target: podman, docker, kubernetes), expected no image for target process, which runs run.command on a port of its own ($PORT)"],
            Errors(Minimal.Replace("  command: dotnet", "  command: dotnet\n  image: shop:1")));

    [Theory]
    [InlineData("  port: 8080\n", "  port: 80800\n", "greenlight.yaml:5:9: run.port: found \"80800\", expected a port from 1 to 65535")]
    [InlineData("memory: 256Mi", "memory: 256MB", "greenlight.yaml:6:37: run.resources.memory: found \"256MB\", expected an amount of memory such as 256Mi, 1Gi or 512M (Ki, Mi, Gi, Ti, k, M, G, T or bytes)")]
    [InlineData("cpus: \"0.5\"", "cpus: half", "greenlight.yaml:6:22: run.resources.cpus: found \"half\", expected a positive number of CPUs such as 0.5 or 2")]
    [InlineData("shop:${version}", "shop:${build}", "greenlight.yaml:4:10: run.image: found \"registry.example.com/shop:${build}\", expected no placeholder other than ${version}")]
    [InlineData("target: kubernetes", "target: nomad", "greenlight.yaml:3:11: run.target: found \"nomad\", expected one of process, podman, docker, kubernetes")]
    [InlineData("hostnames: [shop.example.com]", "hostnames: [Shop.example.com:80]", "greenlight.yaml:11:15: kubernetes.hostnames[0]: found \"Shop.example.com:80\", expected a hostname such as shop.example.com or *.example.com (lowercase, no port, no IP address)")]
    [InlineData("hostnames: [shop.example.com]", "hostnames: [10.0.0.1]", "greenlight.yaml:11:15: kubernetes.hostnames[0]: found \"10.0.0.1\", expected a hostname such as shop.example.com or *.example.com (lowercase, no port, no IP address)")]
    public void Parse_BadContainerOrClusterValue_IsReportedAtItsValue(string from, string to, string expected) =>
        Assert.Equal([expected], Errors(Kubernetes.Replace(from, to)));

    [Fact]
    public void Parse_KubernetesAppWithoutHostnamesOrEdge_AsksForHostnames() =>
        Assert.Equal(
            ["greenlight.yaml:9:3: kubernetes.hostnames: missing required key, expected the app's hostnames on the Gateway (its public address), or an edge section"],
            Errors(Kubernetes.Replace("  hostnames: [shop.example.com]", "")));

    [Fact]
    public void Parse_StickyCanaryOnKubernetes_IsRefused_ForAnHttpRouteHasNoSessionAffinity() =>
        Assert.Equal(
            ["greenlight.yaml:13:3: strategy: found canary.sticky with run.target kubernetes, expected no sticky: a Gateway API HTTPRoute splits traffic by weight on every request and has no session affinity"],
            Errors(Kubernetes + "\nstrategy:\n  canary:\n    steps: [{ setWeight: 10 }]\n    sticky: { cookie: gl }"));

    [Theory]
    [InlineData("router: haproxy", "greenlight.yaml:14:11: edge.router: found router with run.target kubernetes, expected no router: a kubernetes app's traffic is split by its HTTPRoute on kubernetes.gateway")]
    [InlineData("tls: { certificate: c.pem, key: k.pem }", "greenlight.yaml:14:8: edge.tls: found tls with run.target kubernetes, expected no tls: in a cluster the Gateway's listeners terminate TLS (their certificateRefs)")]
    [InlineData("hosts: [shop.example.com]", "greenlight.yaml:14:10: edge.hosts: found hosts with run.target kubernetes, expected kubernetes.hostnames: the host names of the app's HTTPRoute")]
    [InlineData("upstream: http2", "greenlight.yaml:14:13: edge.upstream: found upstream with run.target kubernetes, expected no upstream: the Gateway picks the protocol to a revision's Service itself")]
    [InlineData("drainTimeout: 5m", "greenlight.yaml:14:17: edge.drainTimeout: found drainTimeout with run.target kubernetes, expected no drainTimeout: the Gateway finishes a retired revision's requests, within its pods' termination grace period")]
    [InlineData("idleTimeout: 10m", "greenlight.yaml:14:16: edge.idleTimeout: found idleTimeout with run.target kubernetes, expected no idleTimeout: the Gateway's own timeouts apply")]
    public void Parse_EdgeFeatureTheGatewayDoesItsOwnWay_IsRefusedAtItsKey_NotDropped(string field, string expected) =>
        Assert.Equal([expected], Errors(Kubernetes + $"\nedge:\n  listen: 127.0.0.1:8080\n  {field}"));
}
