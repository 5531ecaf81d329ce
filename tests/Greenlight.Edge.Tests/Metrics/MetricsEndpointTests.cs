using Greenlight.Testing;
using System.Net;
using Greenlight.Edge.Tests.Support;

namespace Greenlight.Edge.Tests.Metrics;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_AfterTraffic_ExposesPerRevisionCountersAndHistogram()
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeHarness.StartAsync(state.Path);
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        var listen = Ports.FreeListen();
        await edge.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, 1), (green, 1)));
        for (var i = 0; i < 4; i++) await EdgeHarness.GetAsync(listen);
        using (await EdgeHarness.Client.GetAsync($"http://{listen}/fail")) { }

        string text = "";
        await Eventually.Until(async () =>
        {
            text = await edge.Admin.GetStringAsync("metrics");
            return text.Contains("greenlight_edge_request_duration_seconds_count{app=\"shop\",revision=\"green\"} 2");
        }, "the histogram has counted green's requests");

        Assert.Contains("greenlight_edge_requests_total{app=\"shop\",revision=\"blue\",code=\"2xx\"} 2", text);
        Assert.Contains("greenlight_edge_requests_total{app=\"shop\",revision=\"green\",code=\"2xx\"} 2", text);
        Assert.Contains("greenlight_edge_requests_total{app=\"shop\",revision=\"blue\",code=\"5xx\"} 1", text);
        Assert.Contains("greenlight_edge_server_errors_total{app=\"shop\",revision=\"blue\"} 1", text);
        Assert.Contains("greenlight_edge_transport_errors_total{app=\"shop\",revision=\"green\"} 0", text);
        Assert.Contains("greenlight_edge_requests_in_flight{app=\"shop\",revision=\"blue\"} 0", text);
        Assert.Contains("greenlight_edge_request_duration_seconds_bucket{app=\"shop\",revision=\"blue\",le=\"0.0001\"}", text);
    }

    [Fact]
    public async Task Metrics_TwoEdgesInOneProcess_KeepSeparateRegistries()
    {
        using var stateA = new TempDirectory();
        using var stateB = new TempDirectory();
        await using var a = await EdgeHarness.StartAsync(stateA.Path);
        await using var b = await EdgeHarness.StartAsync(stateB.Path);
        await using var blue = await TestBackend.StartAsync("blue");
        var listen = Ports.FreeListen();
        await a.ApplyAsync(EdgeHarness.Route("only-on-a", listen, (blue, 1)));

        using var response = await b.Admin.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("only-on-a", await response.Content.ReadAsStringAsync());
        Assert.Contains("only-on-a", await a.Admin.GetStringAsync("metrics"));
    }
}
