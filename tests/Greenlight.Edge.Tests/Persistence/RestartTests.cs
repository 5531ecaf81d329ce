using Greenlight.Testing;
using System.Runtime.Versioning;
using System.Text.Json;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Tests.Support;

namespace Greenlight.Edge.Tests.Persistence;

public sealed class RestartTests
{
    [Fact]
    public async Task StartAsync_SameStateDirectory_RestoresRoutesAndServes()
    {
        using var state = new TempDirectory();
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        var listen = Ports.FreeListen();
        string token;
        await using (var first = await EdgeHarness.StartAsync(state.Path))
        {
            token = first.Server.Token;
            await first.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, 0), (green, 1)));
            Assert.Equal("green", await EdgeHarness.GetAsync(listen));
        }

        await Assert.ThrowsAsync<HttpRequestException>(() => EdgeHarness.Client.GetAsync($"http://{listen}/"));
        await using var second = await EdgeHarness.StartAsync(state.Path);

        Assert.Equal(token, second.Server.Token);
        Assert.Equal("green", await EdgeHarness.GetAsync(listen));
        Assert.Equal(["blue", "green"], (await second.TrafficAsync("shop")).Keys.Order());
    }

    [Fact]
    public async Task StartAsync_RouteWithStickyAndMatches_RestoresTheRules()
    {
        using var state = new TempDirectory();
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        var listen = Ports.FreeListen();
        var route = EdgeHarness.Route("shop", listen, (blue, 1), (green, 0)) with
        {
            Sticky = new StickyRoute("gl-rev", null),
            Matches = [new MatchRoute("green", "X-Canary", null, "always")],
        };
        await using (var first = await EdgeHarness.StartAsync(state.Path)) await first.ApplyAsync(route);

        await using var second = await EdgeHarness.StartAsync(state.Path);
        var user = new Visitor(listen);

        Assert.Equal("green", await user.GetAsync(("X-Canary", "always")));
        Assert.Equal("blue", await user.GetAsync());
        Assert.Equal("gl-rev=blue", user.Cookie);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task StartAsync_FreshDirectory_WritesOwnerOnlyTokenAndAdminJson()
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeHarness.StartAsync(state.Path);

        var tokenFile = Path.Combine(state.Path, "admin.token");
        using var admin = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(state.Path, "admin.json")));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        Assert.Equal(edge.Server.Token, (await File.ReadAllTextAsync(tokenFile)).Trim());
        Assert.Equal(edge.Server.AdminAddress.ToString(), admin.RootElement.GetProperty("url").GetString());
        Assert.Equal(Environment.ProcessId, admin.RootElement.GetProperty("pid").GetInt32());
    }

    [Fact]
    public async Task DisposeAsync_Stopped_RemovesAdminJsonKeepsRoutes()
    {
        using var state = new TempDirectory();
        await using var blue = await TestBackend.StartAsync("blue");
        var edge = await EdgeHarness.StartAsync(state.Path);
        await edge.ApplyAsync(EdgeHarness.Route("shop", Ports.FreeListen(), (blue, 1)));

        await edge.DisposeAsync();

        Assert.False(File.Exists(Path.Combine(state.Path, "admin.json")));
        Assert.Contains("\"shop\"", await File.ReadAllTextAsync(Path.Combine(state.Path, "routes.json")));
    }

    [Fact]
    public async Task StartAsync_DirectoryHeldByRunningEdge_Refuses()
    {
        using var state = new TempDirectory();
        await using var first = await EdgeHarness.StartAsync(state.Path);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => EdgeHarness.StartAsync(state.Path));

        Assert.Contains("already running", error.Message);
    }

    [Fact]
    public async Task StartAsync_CorruptRoutesFile_FailsNamingTheFile()
    {
        using var state = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(state.Path, "routes.json"), "{\"version\":1,\"routes\":[{\"app\":\"shop\"}]}");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => EdgeHarness.StartAsync(state.Path));

        Assert.Contains("routes.json", error.Message);
        // The failed start released the directory: a second try fails the same way, not with "already running".
        await Assert.ThrowsAsync<InvalidDataException>(() => EdgeHarness.StartAsync(state.Path));
    }

    [Fact]
    public async Task ForgetSavedRouteAsync_NoEdgeRunning_TakesTheAppOutOfTheTableTheNextEdgeRestores()
    {
        using var state = new TempDirectory();
        await using var blue = await TestBackend.StartAsync("blue");
        var (shop, billing) = (Ports.FreeListen(), Ports.FreeListen());
        await using (var first = await EdgeHarness.StartAsync(state.Path))
        {
            await first.ApplyAsync(EdgeHarness.Route("shop", shop, (blue, 1)));
            await first.ApplyAsync(EdgeHarness.Route("billing", billing, (blue, 1)));
            Assert.Null(await EdgeServer.ForgetSavedRouteAsync(state.Path, "shop", CancellationToken.None)); // it runs: ask it
        }

        Assert.True(await EdgeServer.ForgetSavedRouteAsync(state.Path, "shop", CancellationToken.None));
        Assert.False(await EdgeServer.ForgetSavedRouteAsync(state.Path, "shop", CancellationToken.None));
        await using var second = await EdgeHarness.StartAsync(state.Path);

        Assert.Equal("blue", await EdgeHarness.GetAsync(billing));
        await Assert.ThrowsAsync<HttpRequestException>(() => EdgeHarness.Client.GetAsync($"http://{shop}/"));
    }
}
