using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary><c>edge.upstream</c>, <c>edge.drainTimeout</c> and <c>edge.idleTimeout</c>: how the edge talks to revisions,
/// waits on them and lets them go.</summary>
public sealed class EdgeProtocolManifestTests
{
    private static EdgeSpec Read(string yaml) => ManifestLoader.Parse(yaml, "greenlight.yaml").GetOrThrow().Edge;

    [Fact]
    public void Parse_WithoutAny_SpeaksHttp1DrainsFor30SecondsAndWaits100Seconds()
    {
        var edge = Read(Minimal);

        Assert.Equal("http1", edge.Upstream);
        Assert.Equal(TimeSpan.FromSeconds(30), edge.DrainTimeout);
        Assert.Equal(TimeSpan.FromSeconds(100), edge.IdleTimeout);
    }

    [Fact]
    public void Parse_IdleTimeout_IsKept() =>
        Assert.Equal(TimeSpan.FromMinutes(5), Read(Minimal + "\n  idleTimeout: 5m").IdleTimeout);

    [Theory]
    [InlineData("500ms")]
    [InlineData("0s")]
    [InlineData("25h")]
    public void Parse_IdleTimeoutOutOfRange_IsReportedAtItsValue(string value) =>
        Assert.Equal(
            [$"greenlight.yaml:6:16: edge.idleTimeout: found \"{value}\", expected a duration from 1s to 24h"],
            Errors(Minimal + "\n  idleTimeout: " + value));

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
    [InlineData("idleTimeout: 5m", "idleTimeout")]
    public void Parse_WithTheHaproxyRouter_IsRefused(string line, string field)
    {
        var errors = Errors(Minimal + "\n  router: haproxy\n  " + line);

        var error = Assert.Single(errors);
        Assert.StartsWith($"greenlight.yaml:7:", error);
        Assert.Contains($"edge.{field}: found", error);
        Assert.Contains("haproxy", error);
    }
}
