using Greenlight.Edge.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Edge.Tests.Persistence;

/// <summary>A standby edge waits, warm, and serves the saved route table once the edge holding the directory is gone.</summary>
public sealed class StandbyTests
{
    [Fact]
    public async Task StandbyAsync_EdgeStops_TakesOverWithTheSavedRoutes()
    {
        using var state = new TempDirectory();
        await using var green = await TestBackend.StartAsync("green");
        var listen = Ports.FreeListen();
        using var stop = new CancellationTokenSource();
        Task standby;
        await using (var first = await EdgeHarness.StartAsync(state.Path))
        {
            await first.ApplyAsync(EdgeHarness.Route("shop", listen, (green, 1)));
            standby = EdgeServer.StandbyAsync(new EdgeOptions { StateDirectory = state.Path }, () => true, cancellationToken: stop.Token);
        }

        await Eventually.Until(async () => await TryGetAsync(listen) == "green", "the standby serves the saved route");
        Assert.False(standby.IsCompleted);
        await stop.CancelAsync();
        try
        {
            await standby;
        }
        catch (OperationCanceledException)
        {
            // Stopped while its admin API was still binding: it served the public listener already, which is the point.
        }
    }

    [Fact]
    public async Task StandbyAsync_NoLongerWanted_ReturnsWithoutServing()
    {
        using var state = new TempDirectory();
        await using var first = await EdgeHarness.StartAsync(state.Path);
        var wanted = true;

        var standby = EdgeServer.StandbyAsync(new EdgeOptions { StateDirectory = state.Path }, () => wanted);
        wanted = false;

        await standby.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(first.Server.AdminAddress, new Uri(System.Text.Json.JsonDocument.Parse(
            await File.ReadAllTextAsync(Path.Combine(state.Path, "admin.json"))).RootElement.GetProperty("url").GetString()!));
    }

    private static async Task<string?> TryGetAsync(string listen)
    {
        try
        {
            return await EdgeHarness.GetAsync(listen);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
