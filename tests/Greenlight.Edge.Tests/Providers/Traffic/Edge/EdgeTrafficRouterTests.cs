using Greenlight.Testing;
using System.Net;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Tests.Support;
using Greenlight.Providers.Traffic.Edge;

namespace Greenlight.Edge.Tests.Providers.Traffic.Edge;

public sealed class EdgeTrafficRouterTests
{
    [Fact]
    public async Task Router_AdoptedFromStateDirectory_RoundTripsRouteAndTraffic()
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeHarness.StartAsync(state.Path);
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        var connection = EdgeConnection.TryRead(state.Path);
        Assert.NotNull(connection);
        Assert.True(await connection.IsReachableAsync(CancellationToken.None));
        var router = connection.CreateRouter();
        var listen = Ports.FreeListen();
        var route = EdgeHarness.Route("shop", listen, (blue, 1), (green, 3));

        await router.ApplyAsync(route, CancellationToken.None);
        for (var i = 0; i < 8; i++) await EdgeHarness.GetAsync(listen);
        var fetched = await router.GetAsync("shop", CancellationToken.None);
        IReadOnlyDictionary<string, RevisionTraffic> traffic = new Dictionary<string, RevisionTraffic>();
        await Eventually.Until(async () =>
        {
            traffic = await router.GetTrafficAsync("shop", CancellationToken.None);
            return traffic["green"].Requests == 6;
        }, "the router reports green's requests");

        Assert.Equal("edge", router.Name);
        Assert.Equal(route.Backends, fetched!.Backends);
        Assert.Equal(listen, fetched.Listen);
        Assert.Equal(new RevisionTraffic(2, 0, 0, 0), EdgeHarness.Counters(traffic["blue"]));
        Assert.Null(await router.GetAsync("unknown", CancellationToken.None));
        Assert.Empty(await router.GetTrafficAsync("unknown", CancellationToken.None));
    }

    [Fact]
    public async Task Router_StickyMatchesAndLatency_RoundTripThroughTheEdge()
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeHarness.StartAsync(state.Path);
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        var router = EdgeConnection.TryRead(state.Path)!.CreateRouter();
        var listen = Ports.FreeListen();
        var route = EdgeHarness.Route("shop", listen, (blue, 100), (green, 0)) with
        {
            Sticky = new StickyRoute("gl-rev", "X-User"),
            Matches = [new MatchRoute("green", "X-Canary", null, "always"), new MatchRoute("green", null, "tester", "yes")],
        };

        await router.ApplyAsync(route, CancellationToken.None);
        Assert.Equal("green", await new Visitor(listen).GetAsync(("X-Canary", "always")));
        var fetched = await router.GetAsync("shop", CancellationToken.None);
        RevisionTraffic tester = null!;
        await Eventually.Until(async () => (tester = (await router.GetTrafficAsync("shop", CancellationToken.None))["green"]).Requests == 1,
            "the tester's request is counted");
        var latency = tester.Latency;

        Assert.Equal(route.Sticky, fetched!.Sticky);
        Assert.Equal(route.Matches, fetched.Matches);
        Assert.NotNull(latency);
        Assert.Equal(double.PositiveInfinity, latency.UpperBounds[^1]);
        Assert.Equal(1, latency.Count);
    }

    [Fact]
    public async Task ApplyAsync_InvalidRoute_ThrowsWithTheEdgesMessage()
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeHarness.StartAsync(state.Path);
        var router = EdgeConnection.TryRead(state.Path)!.CreateRouter();
        var route = new AppRoute("shop", "127.0.0.1:1", [new RouteBackend("a", new Uri("http://127.0.0.1:2/"), -1)]);

        var error = await Assert.ThrowsAsync<EdgeAdminException>(() => router.ApplyAsync(route, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("backends[0].weight", error.Message);
        Assert.Equal("backends[0].weight", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task ApplyAsync_WrongToken_ThrowsUnauthorized()
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeHarness.StartAsync(state.Path);
        var router = new EdgeConnection(edge.Server.AdminAddress, "not-the-token", Environment.ProcessId).CreateRouter();

        var error = await Assert.ThrowsAsync<EdgeAdminException>(() => router.GetAsync("shop", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains("Bearer", error.Message);
    }

    [Fact]
    public async Task TryRead_NoEdgeOrStoppedEdge_ReturnsNull()
    {
        using var state = new TempDirectory();
        Assert.Null(EdgeConnection.TryRead(state.Path));

        var edge = await EdgeHarness.StartAsync(state.Path);
        Assert.NotNull(EdgeConnection.TryRead(state.Path));
        await edge.DisposeAsync();

        Assert.Null(EdgeConnection.TryRead(state.Path));
    }
}
