using System.Net;
using System.Net.Http.Json;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Handoff;
using Greenlight.Edge.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Edge.Tests.Handoff;

/// <summary>A planned restart hands the listening sockets to the next edge (20 restarts under load through real edge
/// processes: Greenlight.Cli.Tests EdgeRestartTests; two edges in one process share one epoll set, which is not what runs).</summary>
public sealed class HandoffTests
{
    [Fact]
    public async Task RouteChange_WhileHandingOver_IsRefusedRetryablyThenAcceptedOnceTheHandOverFails()
    {
        using var state = new TempDirectory();
        await using var blue = await TestBackend.StartAsync("blue");
        var listen = Ports.FreeListen();
        await using var edge = await EdgeHarness.StartAsync(state.Path);
        await edge.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, 100)));

        // A successor that receives the sockets and never says it serves.
        var fds = new List<int>();
        using (var channel = await HandoffChannel.ConnectAsync(Path.Combine(state.Path, HandoffServer.FileName), CancellationToken.None))
        {
            await channel.SendAsync(new HandoffHello(edge.Server.Token, 1), CancellationToken.None);
            var offer = await channel.ReceiveAsync<HandoffOffer>(fds, CancellationToken.None);
            Assert.Null(offer!.Error);
            Assert.Equal(1 + offer.Admin.Count + offer.Listeners.Count, fds.Count);

            using var refused = await edge.PutAsync(EdgeHarness.Route("shop", listen, (blue, 50)));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Contains("handing over", await refused.Content.ReadAsStringAsync());
            Assert.Equal("blue", await EdgeHarness.GetAsync(listen));
            FdPassing.CloseAll(fds);
        }

        await Eventually.Until(async () =>
        {
            using var retried = await edge.PutAsync(EdgeHarness.Route("shop", listen, (blue, 50)));
            return retried.IsSuccessStatusCode;
        }, "the edge accepts route changes again once the hand-over failed");
        Assert.Equal(50, (await edge.Admin.GetFromJsonAsync<AppRoute>("v1/routes/shop", EdgeHarness.Json))!.Backends[0].Weight);
    }

    [Fact]
    public async Task HandOver_WrongToken_IsRefusedAndTheEdgeServesOn()
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeHarness.StartAsync(state.Path);
        var fds = new List<int>();
        using var channel = await HandoffChannel.ConnectAsync(Path.Combine(state.Path, HandoffServer.FileName), CancellationToken.None);

        await channel.SendAsync(new HandoffHello("not-the-token", 1), CancellationToken.None);
        var offer = await channel.ReceiveAsync<HandoffOffer>(fds, CancellationToken.None);

        Assert.Equal("wrong admin token", offer!.Error);
        Assert.Empty(fds);
        Assert.False(edge.Server.HandedOver.IsCompleted);
    }

    [Fact]
    public async Task TakeOverAsync_RequestInFlight_FinishesOnTheOldEdgeWhileTheNewOneServes()
    {
        using var state = new TempDirectory();
        await using var blue = await TestBackend.StartAsync("blue");
        var listen = Ports.FreeListen();
        using var logs = new RecordingLogs();
        using var factory = logs.CreateFactory(Microsoft.Extensions.Logging.LogLevel.Information);
        await using var old = new EdgeHarness(await EdgeServer.StartAsync(Options(state.Path), factory));
        await old.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, 100)));
        var slow = EdgeHarness.GetAsync(listen, "/slow");
        await blue.SlowEntered.WaitAsync(TimeSpan.FromSeconds(30));

        await using var next = new EdgeHarness(await EdgeServer.TakeOverAsync(Options(state.Path)));
        await old.Server.HandedOver.WaitAsync(TimeSpan.FromSeconds(30));
        var draining = old.DisposeAsync().AsTask();
        Assert.Equal("blue", await EdgeHarness.GetAsync(listen));
        Assert.False(draining.IsCompleted);
        blue.Release();
        Assert.Equal("blue", await slow);
        await draining;
        Assert.Equal(old.Server.AdminAddress, next.Server.AdminAddress);
        Assert.Contains(logs.Entries, e => e.Message.StartsWith($"Handed over to pid {Environment.ProcessId}", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Message.StartsWith($"Edge handed over to pid {Environment.ProcessId} and drained", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TakeOverAsync_NoEdgeRunning_SaysSoAndStartsNothing()
    {
        using var state = new TempDirectory();
        await (await EdgeHarness.StartAsync(state.Path)).DisposeAsync();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => EdgeServer.TakeOverAsync(Options(state.Path)));
        Assert.Contains("no edge to take over", e.Message);
        await using var fresh = await EdgeHarness.StartAsync(state.Path); // the directory is free
    }

    private static EdgeOptions Options(string state) => new() { StateDirectory = state, DrainTimeout = TimeSpan.FromSeconds(10) };
}
