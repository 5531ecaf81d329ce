using Greenlight.Core.Analysis;
using Greenlight.Providers.Metrics;
using Greenlight.Providers.Tests.Metrics.Support;
using Greenlight.Providers.Tests.Support;

namespace Greenlight.Providers.Tests.Metrics.Prometheus;

/// <summary>The provider against a real Prometheus that scraped a real edge.</summary>
public sealed class PrometheusMetricProviderTests(ScrapedEdgeFixture fixture) : IClassFixture<ScrapedEdgeFixture>
{
    private const string Labels = "app=\"{{app}}\",revision=\"{{revision}}\"";
    private const string Requests = "sum(greenlight_edge_requests_total{" + Labels + "})";
    private const string Errors = "sum(greenlight_edge_requests_total{" + Labels + ",code=\"5xx\"})";
    private const string Latency = "sum by (le) (greenlight_edge_request_duration_seconds_bucket{" + Labels + "})";

    [Fact]
    public async Task MeasureAsync_ScrapedEdge_MatchesWhatEachRevisionServed()
    {
        foreach (var revision in new[] { fixture.Edge.Stable, fixture.Edge.Canary })
        {
            var sample = await MeasureAsync(revision.Name, requests: Requests, errors: Errors, latency: Latency);

            Assert.Equal(revision.Requests, sample.Requests);
            Assert.Equal(revision.Errors, sample.Errors);
            Assert.Equal(revision.Requests, sample.Latency!.Count);
            Assert.Equal(double.PositiveInfinity, sample.Latency.UpperBounds[^1]);
            Assert.Equal(sample.Latency.UpperBounds.Order(), sample.Latency.UpperBounds);
            Assert.Equal(sample.Latency.UpperBounds.Count, sample.Latency.CumulativeCounts.Count);
            Assert.True(sample.Latency.UpperBounds.Count > 10, "the edge's buckets, not one");
        }

        Assert.Equal(fixture.Sent, fixture.Edge.Stable.Requests + fixture.Edge.Canary.Requests);
        Assert.Equal(0, fixture.Edge.Stable.Errors);
        Assert.True(fixture.Edge.Canary.Errors > 0, "the canary failed some requests");
    }

    [Fact]
    public async Task MeasureAsync_ScalarValue_ReturnsIt()
    {
        var sample = await MeasureAsync("stable", value: """scalar(sum(greenlight_edge_requests_total{app="{{app}}"}))""");

        Assert.Equal(new RevisionSample(null, null, null, fixture.Sent), sample);
    }

    [Fact]
    public async Task MeasureAsync_UnknownRevision_ThrowsNoData()
    {
        var error = await Assert.ThrowsAsync<MetricUnavailableException>(() => MeasureAsync("v9", requests: Requests, latency: Latency));

        Assert.Contains("no data for revision v9", error.Message);
    }

    [Fact]
    public async Task MeasureAtAsync_AMomentBeforeTheFirstScrape_HasNoData_WhileNowHasTheCounts()
    {
        // The traffic was sent before Prometheus started: an hour ago it had stored nothing of it.
        var provider = (IMetricHistory)MetricProviders.Create(MetricSpecs.Prometheus(fixture.Prometheus.Address, requests: Requests), NoEdge.Router, TestHttp.Client);

        var then = await Assert.ThrowsAsync<MetricUnavailableException>(() =>
            provider.MeasureAtAsync(TwoRevisionEdge.App, "stable", DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None));
        var now = await provider.MeasureAtAsync(TwoRevisionEdge.App, "stable", DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Contains("no data for revision stable", then.Message);
        Assert.Equal(fixture.Edge.Stable.Requests, now.Requests);
    }

    [Theory]
    [InlineData("sum(rate(", "bad_data: invalid parameter \"query\": 1:10: parse error")]
    [InlineData("0/0", "the value is NaN, not a finite number")]
    [InlineData("-1/0", "the value is -Inf, not a finite number")]
    [InlineData("""sum by (revision) (greenlight_edge_requests_total{app="{{app}}"})""",
        """2 series where one was expected: {revision="canary"}, {revision="stable"}""")]
    [InlineData("""greenlight_edge_requests_total{app="{{app}}"}[1m]""", "the query gave a matrix")]
    public async Task MeasureAsync_UnusableAnswer_ThrowsWithTheReason(string query, string reason)
    {
        var error = await Assert.ThrowsAsync<MetricUnavailableException>(() => MeasureAsync("stable", value: query));

        Assert.Contains(reason, error.Message);
    }

    private Task<RevisionSample> MeasureAsync(
        string revision, string? requests = null, string? errors = null, string? latency = null, string? value = null)
    {
        var spec = MetricSpecs.Prometheus(fixture.Prometheus.Address, requests, errors, latency, value);
        return MetricProviders.Create(spec, NoEdge.Router, TestHttp.Client).MeasureAsync(TwoRevisionEdge.App, revision, CancellationToken.None);
    }
}
