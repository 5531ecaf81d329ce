using Greenlight.Core.Delivery;
using Greenlight.Engine.Tests.Support;
using Greenlight.Testing.Prometheus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Tests.Delivery;

/// <summary>A bake judges the metrics of the environment's analysis with their own providers: real Prometheus scraping the
/// region's real edge, a real HTTP endpoint, the edge's own counters.</summary>
public sealed class BakeMetricTests
{
    private const string OneBox = """
        environments:
          - name: production
            bake: 0s
            regions: [{name: one-box, edge: {listen: {listen}}}]
        """;

    [Fact]
    public async Task Bake_PrometheusErrorRateWorseThanThePreviousRevisionAtTheFlip_RollsBackNamingRegionAndMetric()
    {
        await using var h = await DeliveryHarness.StartAsync(OneBox);
        Assert.Equal(ReleasePhase.Completed, (await h.ReleaseAsync("1.0")).Phase);
        using var load = new CancellationTokenSource();
        var traffic = h.LoadAsync("production", "one-box", load.Token);
        await h.WaitServedAsync("production", "one-box", "1.0", requests: 400);
        using var prometheus = await PrometheusServer.StartAsync([h.ScrapeTargetOf("production", "one-box")], h.Cancellation);
        await prometheus.WaitForValueAsync("sum(greenlight_edge_requests_total{revision=\"1.0\"})", n => n >= 400, cancellationToken: h.Cancellation);

        // The edge's own error-rate comparison is made unable to conclude, so that only Prometheus' numbers can fail 2.2
        // (5% of its answers are 500s, the shop's release defaults).
        var release = await h.ReleaseAsync("2.2", edit: text => text.Replace("bake: 0s", "bake: 2m").Replace("environments:", $$$"""
            analysis:
              maxProviderErrors: 10
              metrics:
                - {name: edge-errors, judge: errorRate, options: {minCanaryRequests: 1000000, maxCanaryRequests: none}}
                - name: prom-errors
                  provider: prometheus
                  prometheus:
                    address: {{{prometheus.Address}}}
                    requests: 'sum(greenlight_edge_requests_total{app="{{app}}",revision="{{revision}}"})'
                    errors: 'sum(greenlight_edge_requests_total{app="{{app}}",revision="{{revision}}",code="5xx"}) or vector(0)'
                  judge: errorRate
            environments:
            """));
        await load.CancelAsync();
        await traffic;

        Assert.Equal(ReleasePhase.RolledBack, release.Phase);
        Assert.Contains("bake of wave 1/1 failed: production/one-box: metric prom-errors of 2.2 since the bake began, against 1.0 at the flip", release.Reason);
        Assert.Equal("1.0", await h.VersionAtAsync("production", "one-box"));
        var events = await h.Delivery.Lanes["production/one-box"].GetEventsAsync(release.Id, 0, h.Cancellation);
        Assert.Contains(events, e => e.Message.Contains("prom-errors (errorRate, prometheus) against 1.0 as the provider had it at the flip"));
    }

    [Fact]
    public async Task Bake_HttpThresholdOutOfBounds_RollsBack_AndAnHttpComparisonIsSaidNotJudged()
    {
        await using var stats = await StatsServer.StartAsync(revision => revision == "2.0" ? 50 : 3);
        await using var h = await DeliveryHarness.StartAsync(OneBox);
        Assert.Equal(ReleasePhase.Completed, (await h.ReleaseAsync("1.0")).Phase);

        var release = await h.ReleaseAsync("2.0", edit: text => text.Replace("bake: 0s", "bake: 2m").Replace("environments:", $$$"""
            analysis:
              metrics:
                - name: queue-depth
                  provider: http
                  http: {url: "{{{stats.Url}}}/stats/{{revision}}", value: $.queue}
                  judge: threshold
                  options: {maxValue: 10, minRequests: 0}
                - name: http-errors
                  provider: http
                  http: {url: "{{{stats.Url}}}/stats/{{revision}}", requests: $.requests, errors: $.errors}
                  judge: errorRate
            environments:
            """));

        Assert.Equal(ReleasePhase.RolledBack, release.Phase);
        Assert.Contains("production/one-box: metric queue-depth of 2.0 since the bake began: out of bounds: value 50", release.Reason);
        Assert.Equal("1.0", await h.VersionAtAsync("production", "one-box"));
        var events = await h.Delivery.Lanes["production/one-box"].GetEventsAsync(release.Id, 0, h.Cancellation);
        Assert.Contains(events, e => e.Message.Contains("http-errors (errorRate, http) NOT JUDGED: the http provider cannot read 1.0 as it was before the flip"));
        Assert.Contains(stats.Asked, revision => revision == "2.0");
    }

    [Fact]
    public async Task Bake_ThresholdStillInconclusiveAtItsEnd_FailsIt_AsCanaryAnalysisWould()
    {
        await using var h = await DeliveryHarness.StartAsync(OneBox);
        Assert.Equal(ReleasePhase.Completed, (await h.ReleaseAsync("1.0")).Phase);

        // No traffic: the threshold never has the 100 requests it needs for a verdict.
        var release = await h.ReleaseAsync("2.0", edit: text => text.Replace("bake: 0s", "bake: 3s").Replace("environments:", """
            analysis:
              metrics:
                - {name: edge-threshold, judge: threshold, options: {maxErrorRate: 0.01}}
            environments:
            """));

        Assert.Equal(ReleasePhase.RolledBack, release.Phase);
        Assert.Contains("production/one-box: metric edge-threshold of 2.0 still inconclusive at the end of the bake: too little traffic", release.Reason);
        Assert.Equal("1.0", await h.VersionAtAsync("production", "one-box"));
    }

    /// <summary>A JSON stats endpoint on a random loopback port: <c>/stats/{revision}</c> answers a queue depth of the
    /// test's choosing and request counts, and records which revisions were asked for.</summary>
    private sealed class StatsServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _asked = new();

        private StatsServer(WebApplication app) => _app = app;

        public string Url => _app.Urls.First();

        public IReadOnlyList<string> Asked => [.. _asked];

        public static async Task<StatsServer> StartAsync(Func<string, int> queue)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
            var server = new StatsServer(builder.Build());
            server._app.MapGet("/stats/{revision}", (string revision) =>
            {
                server._asked.Enqueue(revision);
                return Results.Text($$"""{"queue": {{queue(revision)}}, "requests": 1000, "errors": 0}""", "application/json");
            });
            await server._app.StartAsync();
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
