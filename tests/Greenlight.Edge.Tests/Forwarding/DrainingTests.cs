using Greenlight.Testing;
using Greenlight.Edge.Tests.Support;

namespace Greenlight.Edge.Tests.Forwarding;

public sealed class DrainingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Forward_BackendRemovedWhileRequestInFlight_RequestCompletesAndRevisionReportsDraining(bool inline)
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeHarness.StartAsync(state.Path, inline);
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        var listen = Ports.FreeListen();
        await edge.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, 1)));

        var slow = EdgeHarness.GetAsync(listen, "/slow");
        await blue.SlowEntered.WaitAsync(TimeSpan.FromSeconds(10));
        await edge.ApplyAsync(EdgeHarness.Route("shop", listen, (green, 1)));

        Assert.Equal("green", await EdgeHarness.GetAsync(listen));
        var draining = await edge.TrafficAsync("shop");
        Assert.Equal(1, draining["blue"].InFlight);
        Assert.False(slow.IsCompleted);

        blue.Release();

        Assert.Equal("blue", await slow.WaitAsync(TimeSpan.FromSeconds(10)));
        await Eventually.Until(async () => !(await edge.TrafficAsync("shop")).ContainsKey("blue"), "blue has drained");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Forward_WeightSetToZeroWhileRequestInFlight_RequestCompletes(bool inline)
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeHarness.StartAsync(state.Path, inline);
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        var listen = Ports.FreeListen();
        await edge.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, 100), (green, 0)));

        var slow = EdgeHarness.GetAsync(listen, "/slow");
        await blue.SlowEntered.WaitAsync(TimeSpan.FromSeconds(10));
        await edge.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, 0), (green, 100)));
        Assert.Equal("green", await EdgeHarness.GetAsync(listen));
        blue.Release();

        Assert.Equal("blue", await slow.WaitAsync(TimeSpan.FromSeconds(10)));
        var traffic = await edge.TrafficAsync("shop");
        Assert.Equal(1, traffic["blue"].Requests);
        Assert.Equal(1, traffic["green"].Requests);
    }

    [Fact]
    public async Task Delete_RequestInFlight_ListenerDrainsItBeforeClosing()
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeHarness.StartAsync(state.Path);
        await using var blue = await TestBackend.StartAsync("blue");
        var listen = Ports.FreeListen();
        await edge.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, 1)));
        var slow = EdgeHarness.GetAsync(listen, "/slow");
        await blue.SlowEntered.WaitAsync(TimeSpan.FromSeconds(10));

        var delete = edge.Admin.DeleteAsync("v1/routes/shop");
        await Eventually.Until(async () =>
        {
            try
            {
                using (await EdgeHarness.Client.GetAsync($"http://{listen}/")) return false;
            }
            catch (HttpRequestException)
            {
                return true;
            }
        }, "the listener stops accepting new connections");
        blue.Release();

        Assert.Equal("blue", await slow.WaitAsync(TimeSpan.FromSeconds(10)));
        using var deleted = await delete.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
    }
}
