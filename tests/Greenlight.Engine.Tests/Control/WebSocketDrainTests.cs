using System.Net.WebSockets;
using System.Text;
using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Tests.Support;

namespace Greenlight.Engine.Tests.Control;

/// <summary>A WebSocket open on a revision that is retired: real shop processes, real edge, real controller.</summary>
public sealed class WebSocketDrainTests
{
    [Fact]
    public async Task Retire_WebSocketStillOpenOnTheOldRevision_DrainTimeoutEndsItAndTheRolloutSaysSo()
    {
        await using var h = await ReleaseHarness.StartAsync(m => m with
        {
            Strategy = new StrategySpec(new BlueGreenSpec(TimeSpan.Zero)),
            Edge = m.Edge with { DrainTimeout = TimeSpan.FromSeconds(1) },
        });
        await h.DeployAsync("1.0");
        using var socket = new ClientWebSocket();
        socket.Options.Proxy = null;
        await socket.ConnectAsync(new Uri($"ws://{h.Manifest.Edge.Listen}/ws"), h.Cancellation);
        Assert.Equal("1.0:hi", await EchoAsync(socket, "hi", h.Cancellation));

        var release = await h.DeployAsync("2.0");
        var retired = await h.Controller.WaitAsync(release.Id, r => r.IsTerminal, h.Cancellation);

        Assert.Equal(RolloutPhase.Completed, retired.Phase);
        var events = (await h.Controller.GetEventsAsync(release.Id, 0, h.Cancellation)).Select(e => e.Message).ToList();
        Assert.Contains("revision 1.0 drained: edge.drainTimeout (1s) ended 1 open connection(s)", events);
        Assert.True(events.IndexOf("revision 1.0 drained: edge.drainTimeout (1s) ended 1 open connection(s)") < events.IndexOf("revision 1.0 stopped"));
        await Assert.ThrowsAnyAsync<Exception>(() => EchoAsync(socket, "still there?", h.Cancellation));
        Assert.Equal("2.0", await h.NextVersionAsync());
    }

    private static async Task<string> EchoAsync(WebSocket socket, string message, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        if (received.MessageType == WebSocketMessageType.Close) throw new WebSocketException("closed");
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }
}
