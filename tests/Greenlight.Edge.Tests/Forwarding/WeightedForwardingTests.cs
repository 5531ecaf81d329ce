using Greenlight.Testing;
using System.Net;
using Greenlight.Edge.Tests.Support;

namespace Greenlight.Edge.Tests.Forwarding;

public sealed class WeightedForwardingTests : TwoBackendTest
{
    [Fact]
    public async Task Forward_WeightsOneToThree_ExactSmoothSplitOver400Requests()
    {
        var listen = Ports.FreeListen();
        await Edge.ApplyAsync(EdgeHarness.Route("shop", listen, (Blue, 1), (Green, 3)));

        var bodies = new List<string>();
        for (var i = 0; i < 400; i++) bodies.Add(await EdgeHarness.GetAsync(listen));

        Assert.Equal(100, bodies.Count(b => b == "blue"));
        Assert.Equal(300, bodies.Count(b => b == "green"));
        Assert.All(bodies.Chunk(4), window => Assert.Equal(["green", "blue", "green", "green"], window));
    }

    [Fact]
    public async Task Forward_RouteSwapped_VeryNextRequestUsesNewTable()
    {
        var listen = Ports.FreeListen();
        await Edge.ApplyAsync(EdgeHarness.Route("shop", listen, (Blue, 100), (Green, 0)));
        Assert.Equal("blue", await EdgeHarness.GetAsync(listen));

        for (var flip = 0; flip < 10; flip++)
        {
            var toGreen = flip % 2 == 0;
            await Edge.ApplyAsync(EdgeHarness.Route("shop", listen, (Blue, toGreen ? 0 : 100), (Green, toGreen ? 100 : 0)));

            Assert.Equal(toGreen ? "green" : "blue", await EdgeHarness.GetAsync(listen));
        }
    }

    [Fact]
    public async Task Forward_NoPositiveWeight_Answers503WithReason()
    {
        var listen = Ports.FreeListen();
        await Edge.ApplyAsync(EdgeHarness.Route("shop", listen, (Blue, 0)));

        using var response = await EdgeHarness.Client.GetAsync($"http://{listen}/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("'shop' has no revision with a positive weight", await response.Content.ReadAsStringAsync());
    }
}
