using Greenlight.Providers.Metrics;
using Greenlight.Providers.Tests.Metrics.Support;
using Greenlight.Providers.Tests.Support;

namespace Greenlight.Providers.Tests.Metrics.Edge;

public sealed class EdgeMetricProviderTests
{
    [Fact]
    public async Task MeasureAsync_AfterTraffic_CountsRequestsAndErrorsPerRevision()
    {
        await using var edge = await TwoRevisionEdge.StartAsync();
        var provider = MetricProviders.Create(MetricSpecs.Edge(), edge.Router, TestHttp.Client);
        var sent = await edge.SendTrafficAsync();

        foreach (var revision in new[] { edge.Stable, edge.Canary })
        {
            // The edge counts a request just after answering it, its latency a moment later.
            var sample = await Poll.UntilAsync(
                () => provider.MeasureAsync(TwoRevisionEdge.App, revision.Name, CancellationToken.None),
                s => s.Requests == revision.Requests && (s.Latency is null || s.Latency.Count == revision.Requests),
                $"the edge counted {revision.Name}'s requests");
            var traffic = (await edge.Router.GetTrafficAsync(TwoRevisionEdge.App, CancellationToken.None))[revision.Name];

            Assert.Equal(revision.Errors, sample.Errors);
            Assert.Equal(traffic.Latency?.UpperBounds, sample.Latency?.UpperBounds);
            Assert.Equal(traffic.Latency?.CumulativeCounts, sample.Latency?.CumulativeCounts);
            Assert.Null(sample.Value);
        }

        Assert.Equal(sent, edge.Stable.Requests + edge.Canary.Requests);
        Assert.Equal(0, edge.Stable.Errors);
        Assert.True(edge.Canary.Errors > 0, "the canary failed some requests");
    }

    [Fact]
    public async Task MeasureAsync_UnknownRevision_ThrowsNotRouted()
    {
        await using var edge = await TwoRevisionEdge.StartAsync();
        var provider = MetricProviders.Create(MetricSpecs.Edge(), edge.Router, TestHttp.Client);

        var error = await Assert.ThrowsAsync<MetricUnavailableException>(
            () => provider.MeasureAsync(TwoRevisionEdge.App, "v9", CancellationToken.None));

        Assert.Contains("revision v9 of shop is not routed by the edge (it routes canary, stable)", error.Message);
    }

    [Fact]
    public async Task MeasureAsync_EdgeUnreachable_ThrowsUnavailable()
    {
        var provider = MetricProviders.Create(MetricSpecs.Edge(), NoEdge.Router, TestHttp.Client);

        var error = await Assert.ThrowsAsync<MetricUnavailableException>(
            () => provider.MeasureAsync("shop", "v1", CancellationToken.None));

        Assert.StartsWith("edge (edge router): ", error.Message);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }
}
