using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary><c>edge.upstream</c> and <c>edge.drainTimeout</c>: how the edge talks to revisions and lets them go.</summary>
public sealed class EdgeProtocolManifestTests
{
    private static EdgeSpec Read(string yaml) => ManifestLoader.Parse(yaml, "greenlight.yaml").GetOrThrow().Edge;

    [Fact]
    public void Parse_WithoutEither_SpeaksHttp1AndDrainsFor30Seconds()
    {
        var edge = Read(Minimal);

        Assert.Equal("http1", edge.Upstream);
        Assert.Equal(TimeSpan.FromSeconds(30), edge.DrainTimeout);
    }

    [Fact]
    public void Parse_Http2AndADrainTimeout_AreKept()
    {
        var edge = Read(Minimal + "\n  upstream: http2\n  drainTimeout: 10m");

        Assert.Equal("http2", edge.Upstream);
        Assert.Equal(TimeSpan.FromMinutes(10), edge.DrainTimeout);
    }

    [Fact]
    public void Parse_UnknownUpstream_IsReportedAtItsValue() =>
        Assert.Equal(
            ["greenlight.yaml:6:13: edge.upstream: found \"h3\", expected one of http1, http2"],
            Errors(Minimal + "\n  upstream: h3"));

    [Fact]
    public void Parse_DrainTimeoutOverADay_IsReported() =>
        Assert.Equal(
            ["greenlight.yaml:6:17: edge.drainTimeout: found \"48h\", expected a duration from 0s to 24h"],
            Errors(Minimal + "\n  drainTimeout: 48h"));

    [Theory]
    [InlineData("upstream: http2", "upstream")]
    [InlineData("drainTimeout: 1m", "drainTimeout")]
    public void Parse_WithTheHaproxyRouter_IsRefused(string line, string field)
    {
        var errors = Errors(Minimal + "\n  router: haproxy\n  " + line);

        var error = Assert.Single(errors);
        Assert.StartsWith($"greenlight.yaml:7:", error);
        Assert.Contains($"edge.{field}: found", error);
        Assert.Contains("haproxy", error);
    }
}
