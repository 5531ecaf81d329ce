using System.Diagnostics;
using System.Net;
using Greenlight.Core.Manifest;
using Greenlight.Engine.Tests.Support;

namespace Greenlight.Engine.Tests.Control;

/// <summary><c>edge.idleTimeout</c> from the manifest to the real edge, through a release: real shop, real edge, real controller.</summary>
public sealed class EdgeIdleTimeoutTests
{
    [Fact]
    public async Task Deploy_RevisionSilentLongerThanTheManifestsIdleTimeout_TheEdgeAnswers504AfterThatTimeout()
    {
        await using var h = await ReleaseHarness.StartAsync(m => m with
        {
            Strategy = new StrategySpec(new BlueGreenSpec(TimeSpan.Zero)),
            Checks = [], // they would shop through "/", which this revision answers too slowly on purpose
            Run = m.Run with { Environment = new Dictionary<string, string>(m.Run.Environment) { ["Shop__LatencyMs"] = "20000" } },
            Edge = m.Edge with { IdleTimeout = TimeSpan.FromSeconds(1) },
        });
        await h.DeployAsync("1.0");

        var clock = Stopwatch.StartNew();
        using var slow = await h.Public.GetAsync("/", h.Cancellation);

        Assert.Equal(HttpStatusCode.GatewayTimeout, slow.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15)); // the manifest's 1 s, not the shop's 20 s
        using var health = await h.Public.GetAsync("/health", h.Cancellation); // not delayed by the shop: within the timeout
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
