using Greenlight.Providers.Tests.Metrics.Support;
using Greenlight.Testing.Prometheus;

namespace Greenlight.Providers.Tests.Metrics.Prometheus;

/// <summary>
/// One real Prometheus per test class, scraping a real edge (with its admin token) after traffic went
/// through it. Ready once Prometheus has counted every request sent.
/// </summary>
public sealed class ScrapedEdgeFixture : IAsyncLifetime
{
    public int Sent { get; private set; }

    internal TwoRevisionEdge Edge { get; private set; } = null!;

    public PrometheusServer Prometheus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Edge = await TwoRevisionEdge.StartAsync();
        Sent = await Edge.SendTrafficAsync();
        Prometheus = await PrometheusServer.StartAsync([new ScrapeTarget(Edge.Server.AdminAddress.Authority, Edge.TokenFile)]);
        await Prometheus.WaitForValueAsync($"sum(greenlight_edge_requests_total{{app=\"{TwoRevisionEdge.App}\"}})", total => total == Sent);
    }

    public async Task DisposeAsync()
    {
        Prometheus?.Dispose();
        if (Edge is not null) await Edge.DisposeAsync();
    }
}
