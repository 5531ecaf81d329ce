using Greenlight.Testing;
using Greenlight.Edge.Tests.Support;

namespace Greenlight.Edge.Tests.Persistence;

/// <summary>routes.json is written after the swap, by writes the changes made meanwhile share; an acknowledged change is on
/// disk, and one that cannot be saved is undone.</summary>
public sealed class SavingTests
{
    [Fact]
    public async Task ApplyAsync_TwentyAppsFlippedAtOnce_EveryAcknowledgedRouteIsServedAfterARestart()
    {
        using var state = new TempDirectory();
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        var apps = Enumerable.Range(0, 20).Select(i => ($"app{i:00}", Ports.FreeListen())).ToList();
        await using (var edge = await EdgeHarness.StartAsync(state.Path))
        {
            foreach (var (app, listen) in apps) await edge.ApplyAsync(EdgeHarness.Route(app, listen, (blue, 1), (green, 0)));
            await Task.WhenAll(apps.Select(a => edge.ApplyAsync(EdgeHarness.Route(a.Item1, a.Item2, (blue, 0), (green, 1)))));
        }

        await using var restarted = await EdgeHarness.StartAsync(state.Path);
        foreach (var (_, listen) in apps) Assert.Equal("green", await EdgeHarness.GetAsync(listen));
    }

    [Fact]
    public async Task ApplyAsync_RoutesFileCannotBeWritten_FailsAndTheEdgeKeepsServingThePreviousRoute()
    {
        using var state = new TempDirectory();
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        var listen = Ports.FreeListen();
        await using var edge = await EdgeHarness.StartAsync(state.Path);
        await edge.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, 1)));
        var routes = Path.Combine(state.Path, "routes.json");
        File.Delete(routes);
        Directory.CreateDirectory(routes); // a rename over a directory fails, even for root

        using var response = await edge.PutAsync(EdgeHarness.Route("shop", listen, (blue, 0), (green, 1)));

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains($"cannot save the route table to {routes}", await response.Content.ReadAsStringAsync());
        Assert.Contains("the change was undone", await response.Content.ReadAsStringAsync());
        Assert.Equal("blue", await EdgeHarness.GetAsync(listen));
        Assert.Equal(["blue"], (await edge.TrafficAsync("shop")).Keys);
    }
}
