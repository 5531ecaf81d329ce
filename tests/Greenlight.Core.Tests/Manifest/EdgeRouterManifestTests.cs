using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary><c>edge.router</c>: which traffic router serves the app's public address.</summary>
public sealed class EdgeRouterManifestTests
{
    private static AppManifest Read(string yaml) => ManifestLoader.Parse(yaml, "greenlight.yaml").GetOrThrow();

    [Fact]
    public void Parse_WithoutRouter_UsesTheEmbeddedEdge() => Assert.Equal("edge", Read(Minimal).Edge.Router);

    [Fact]
    public void Parse_RouterHaproxy_IsKept() =>
        Assert.Equal(new EdgeSpec("127.0.0.1:8080", "haproxy"), Read(Minimal + "\n  router: haproxy").Edge);

    [Fact]
    public void Parse_UnknownRouter_IsReportedAtItsValue() =>
        Assert.Equal(
            ["greenlight.yaml:6:11: edge.router: found \"nginx\", expected one of edge, haproxy"],
            Errors(Minimal + "\n  router: nginx"));

    [Fact]
    public void Parse_HaproxyOnARegionEdge_IsRefused()
    {
        var errors = Errors("""
            app: shop
            run:
              command: dotnet
            environments:
              - name: prod
                regions:
                  - { name: eu, edge: { listen: 127.0.0.1:8180, router: haproxy } }
            """);

        Assert.Contains(errors, e => e.Contains("router", StringComparison.Ordinal) && e.Contains("haproxy", StringComparison.Ordinal) && e.StartsWith("greenlight.yaml:7:", StringComparison.Ordinal));
    }
}
