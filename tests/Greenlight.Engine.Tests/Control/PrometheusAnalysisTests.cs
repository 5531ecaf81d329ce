using Greenlight.Cli.Demo;
using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Tests.Support;
using Greenlight.Testing.Prometheus;

namespace Greenlight.Engine.Tests.Control;

/// <summary>A canary judged on numbers read from a real Prometheus server scraping the real edge.</summary>
public sealed class PrometheusAnalysisTests
{
    private const string Selector = "app=\"{{app}}\",revision=\"{{revision}}\"";

    [Fact]
    public async Task Deploy_CanaryJudgedThroughPrometheus_IsPromotedWhenHealthy()
    {
        await using var h = await ReleaseHarness.StartAsync();
        using var prometheus = await PrometheusServer.StartAsync(
            [new ScrapeTarget(h.Edge.AdminAddress.Authority, Path.Combine(h.Edge.StateDirectory, "admin.token"))], h.Cancellation);
        await h.ReconfigureAsync(m => m with
        {
            Checks = [],
            Strategy = new StrategySpec(null, new CanarySpec(
                [new CanaryStep(CanaryStepKind.SetWeight, 30), new CanaryStep(CanaryStepKind.Analysis, Duration: TimeSpan.FromMinutes(1))],
                null, null, TimeSpan.Zero)),
            // Prometheus sees a new canary only at its next scrape: allow some "no data" answers first.
            Analysis = new AnalysisSpec(TimeSpan.FromSeconds(1), MaxProviderErrors: 10,
            [
                new MetricSpec("error-rate", MetricProviderKind.Prometheus,
                    new PrometheusQuerySpec(prometheus.Address,
                        Requests: $"sum(greenlight_edge_requests_total{{{Selector}}})",
                        // No 5xx series at all is a healthy revision, not missing data.
                        Errors: $"sum(greenlight_edge_requests_total{{{Selector},code=\"5xx\"}}) or vector(0)",
                        Latency: null, Value: null),
                    null, "errorRate", new Dictionary<string, string> { ["minCanaryRequests"] = "50", ["maxCanaryRequests"] = "200" }),
            ]),
        });
        await h.DeployAsync("1.0");
        await using var load = new LoadGenerator(h.Public.BaseAddress!, workers: 2, pause: TimeSpan.FromMilliseconds(5));
        load.Start();

        var release = await h.DeployAsync("2.0");

        Assert.Equal(RolloutPhase.Completed, release.Phase);
        var log = (await h.Controller.GetEventsAsync(release.Id, 0, h.Cancellation)).Select(e => e.Message).ToList();
        Assert.Contains(log, m => m.StartsWith("step 2/2: analysis", StringComparison.Ordinal));
        Assert.Contains("error-rate Pass", release.LastVerdict?.Summary);
        Assert.Equal("2.0", await h.NextVersionAsync());
    }
}
