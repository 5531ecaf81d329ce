using Greenlight.Testing;
using System.Net;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Tests.Support;

namespace Greenlight.Edge.Tests.Forwarding;

public sealed class TransportErrorTests
{
    [Fact]
    public async Task Forward_BackendUnreachable_Answers502AndCountsTransportError()
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeHarness.StartAsync(state.Path);
        var listen = Ports.FreeListen();
        var dead = new Uri($"http://127.0.0.1:{Ports.Free()}/");
        await edge.ApplyAsync(new AppRoute("shop", listen, [new RouteBackend("dead", dead, 1)]));

        using var response = await EdgeHarness.Client.GetAsync($"http://{listen}/");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        await Eventually.Until(async () => EdgeHarness.Counters((await edge.TrafficAsync("shop"))["dead"]) == new RevisionTraffic(1, 0, 1, 0),
            "the failed request is counted as a transport error");
    }

    [Fact]
    public async Task Forward_BackendAnswers500_CountsServerErrorNotTransportError()
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeHarness.StartAsync(state.Path);
        await using var blue = await TestBackend.StartAsync("blue");
        var listen = Ports.FreeListen();
        await edge.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, 1)));

        using var response = await EdgeHarness.Client.GetAsync($"http://{listen}/fail");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await Eventually.Until(async () => EdgeHarness.Counters((await edge.TrafficAsync("shop"))["blue"]) == new RevisionTraffic(1, 1, 0, 0),
            "the 500 is counted as a server error");
    }

    [Fact]
    public async Task Forward_ClientGivesUp_NotCountedAgainstTheRevision()
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeHarness.StartAsync(state.Path);
        await using var blue = await TestBackend.StartAsync("blue");
        var listen = Ports.FreeListen();
        await edge.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, 1)));
        using var giveUp = new CancellationTokenSource();

        var slow = EdgeHarness.Client.GetAsync($"http://{listen}/slow", giveUp.Token);
        await blue.SlowEntered.WaitAsync(TimeSpan.FromSeconds(10));
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
        await Eventually.Until(async () => EdgeHarness.Counters((await edge.TrafficAsync("shop"))["blue"]) == new RevisionTraffic(1, 0, 0, 0),
            "the abandoned request is counted, but neither as a server nor as a transport error");
        Assert.Contains("greenlight_edge_requests_total{app=\"shop\",revision=\"blue\",code=\"4xx\"} 1", await edge.Admin.GetStringAsync("metrics"));
    }
}
