using Greenlight.Testing;
using Greenlight.Core.Analysis;
using System.Text.Json;
using Greenlight.Edge.Metrics;
using Greenlight.Edge.Tests.Support;

namespace Greenlight.Edge.Tests.Metrics;

public sealed class TrafficLatencyTests
{
    [Fact]
    public async Task Traffic_AfterRequests_LatencyHistogramCountsEveryRequestUpToInf()
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeHarness.StartAsync(state.Path);
        await using var blue = await TestBackend.StartAsync("blue");
        var listen = Ports.FreeListen();
        await edge.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, 1)));
        for (var i = 0; i < 7; i++) await EdgeHarness.GetAsync(listen);
        using (await EdgeHarness.Client.GetAsync($"http://{listen}/fail")) { }

        await Eventually.Until(async () => (await edge.TrafficAsync("shop"))["blue"].Requests == 8, "all requests are counted");
        var traffic = (await edge.TrafficAsync("shop"))["blue"];
        using var raw = JsonDocument.Parse(await edge.Admin.GetStringAsync("v1/routes/shop/traffic"));

        var latency = traffic.Latency!;
        Assert.Equal(LatencyBuckets.WithInfinity, latency.UpperBounds);
        Assert.Equal(double.PositiveInfinity, latency.UpperBounds[^1]);
        Assert.Equal(traffic.Requests, latency.CumulativeCounts[^1]);
        Assert.Equal(latency.CumulativeCounts.Order(), latency.CumulativeCounts);
        Assert.Equal(8, latency.CumulativeCounts[^2]); // none took 10 s
        Assert.Equal("Infinity", raw.RootElement.GetProperty("blue").GetProperty("latency").GetProperty("upperBounds").EnumerateArray().Last().GetString());
    }

    [Fact]
    public void LatencyBuckets_Finite_StepBy12To15xBetween1msAnd1s()
    {
        var inRange = LatencyBuckets.Finite.Where(b => b is >= 0.001 and <= 1).ToArray();

        Assert.Equal(LatencyBuckets.Finite.Order(), LatencyBuckets.Finite);
        Assert.All(inRange.Zip(inRange.Skip(1)), pair => Assert.InRange(pair.Second / pair.First, 1.19, 1.51));
        Assert.Equal(10, LatencyBuckets.Finite[^1]);
    }
}
