using Greenlight.Testing;
using System.Net;
using Greenlight.Edge.Tests.Support;

namespace Greenlight.Edge.Tests.Forwarding;

public sealed class FlipUnderLoadTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Forward_HundredFlipsUnderConcurrentLoad_LosesNoRequest(bool inline)
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeHarness.StartAsync(state.Path, inline);
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        var listen = Ports.FreeListen();
        await edge.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, 100), (green, 0)));
        using var stop = new CancellationTokenSource();
        var served = new int[2];
        var failures = new List<string>();

        var load = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await EdgeHarness.Client.GetAsync($"http://{listen}/");
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.OK) lock (failures) failures.Add($"{(int)response.StatusCode} {body}");
                    else Interlocked.Increment(ref served[body == "blue" ? 0 : 1]);
                }
                catch (HttpRequestException e)
                {
                    lock (failures) failures.Add(e.Message);
                }
            }
        })).ToArray();

        try
        {
            for (var flip = 0; flip < 100; flip++)
            {
                var toGreen = flip % 2 == 0;
                await edge.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, toGreen ? 0 : 100), (green, toGreen ? 100 : 0)));
                // Every flip must hold for the very next request, even with others in flight.
                Assert.Equal(toGreen ? "green" : "blue", await EdgeHarness.GetAsync(listen));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }

        Assert.Empty(failures);
        Assert.True(served[0] > 0 && served[1] > 0, $"blue {served[0]}, green {served[1]}");
    }
}
