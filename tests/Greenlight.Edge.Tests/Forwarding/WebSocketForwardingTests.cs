using System.Net;
using System.Net.WebSockets;
using System.Text;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Tests.Support;
using Greenlight.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Greenlight.Edge.Tests.Forwarding;

/// <summary>WebSockets through the edge: they stay on the revision they started on, and a drain timeout ends them.</summary>
public sealed class WebSocketForwardingTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private readonly RecordingLogs _logs = new();
    private readonly string _listen = Ports.FreeListen();
    private readonly FakeTimeProvider _time = new();
    private ILoggerFactory _factory = null!;
    private EdgeHarness _edge = null!;
    private ProtocolBackend _blue = null!;
    private ProtocolBackend _green = null!;

    public async Task InitializeAsync()
    {
        _factory = _logs.CreateFactory(LogLevel.Warning);
        _edge = await EdgeHarness.StartAsync(_state.Path, logs: _factory, time: _time);
        _blue = await ProtocolBackend.StartAsync("blue", HttpProtocols.Http1AndHttp2);
        _green = await ProtocolBackend.StartAsync("green", HttpProtocols.Http1AndHttp2);
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _blue.DisposeAsync();
        await _green.DisposeAsync();
        _factory.Dispose();
        _state.Dispose();
    }

    [Fact]
    public async Task WebSocket_ThroughAFlip_StaysOnItsRevisionUntilTheDrainTimeoutEndsItAndSaysSo()
    {
        await _edge.ApplyAsync(Route(("blue", _blue), ("green", _green)) with { DrainTimeoutSeconds = 1 });
        using var onBlue = await ConnectAsync();
        using var onGreen = await ConnectAsync();
        Assert.Equal("blue:1", await EchoAsync(onBlue, "1"));
        Assert.Equal("green:1", await EchoAsync(onGreen, "1"));

        // The flip: everything new goes to green, blue leaves the route and its drain clock starts.
        await _edge.ApplyAsync(Route(("green", _green)) with { DrainTimeoutSeconds = 1 });
        _time.Advance(TimeSpan.FromSeconds(0.9));
        Assert.Equal("blue:2", await EchoAsync(onBlue, "2"));
        Assert.Equal(1, (await _edge.TrafficAsync("shop"))["blue"].InFlight);
        var ended = onBlue.ReceiveAsync(new byte[16], CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        await Assert.ThrowsAsync<WebSocketException>(() => ended.WaitAsync(TimeSpan.FromSeconds(10)));
        await Eventually.Until(async () => (await _edge.TrafficAsync("shop"))["blue"].InFlight == 0, "blue's connection is counted as ended");
        var traffic = await _edge.TrafficAsync("shop");
        Assert.Equal(1, traffic["blue"].DrainEnded);
        Assert.Equal(0, traffic["blue"].Latency!.CumulativeCounts[^1]); // an upgraded connection's duration is no latency
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning
            && e.Message.Contains("shop: revision blue left the route 1 s ago (its drain timeout); ended the 1 request(s)"));
        Assert.Equal("green:3", await EchoAsync(onGreen, "3"));
        Assert.Equal(1, traffic["green"].InFlight);
        Assert.Contains("greenlight_edge_drain_ended_total{app=\"shop\",revision=\"blue\"} 1", await _edge.Admin.GetStringAsync("metrics"));
    }

    [Fact]
    public async Task WebSocket_RevisionBackInTheRouteBeforeTheTimeout_IsNotEnded()
    {
        await _edge.ApplyAsync(Route(("blue", _blue)) with { DrainTimeoutSeconds = 1 });
        using var socket = await ConnectAsync();
        await _edge.ApplyAsync(Route(("green", _green)) with { DrainTimeoutSeconds = 1 });
        _time.Advance(TimeSpan.FromSeconds(0.5));
        await _edge.ApplyAsync(Route(("blue", _blue), ("green", _green)) with { DrainTimeoutSeconds = 1 });

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("blue:still", await EchoAsync(socket, "still"));
        Assert.Equal(0, (await _edge.TrafficAsync("shop"))["blue"].DrainEnded);
    }

    [Fact]
    public async Task WebSocket_RouteWithoutDrainTimeout_IsNeverEndedByTheEdge()
    {
        await _edge.ApplyAsync(Route(("blue", _blue)));
        using var socket = await ConnectAsync();
        await _edge.ApplyAsync(Route(("green", _green)));

        _time.Advance(TimeSpan.FromDays(1));

        Assert.Equal("blue:still", await EchoAsync(socket, "still"));
    }

    [Fact]
    public async Task WebSocket_OverHttp2ExtendedConnect_ReachesAnHttp11Revision()
    {
        using var files = new TempDirectory();
        var certificate = TestCertificates.Write(files.Path, "shop.test", "shop");
        await _edge.ApplyAsync(Route(("blue", _blue)) with { Tls = new EdgeTls(certificate.Certificate, certificate.Key) });
        using var socket = new ClientWebSocket();
        socket.Options.HttpVersion = HttpVersion.Version20;
        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        });

        await socket.ConnectAsync(new Uri($"wss://{_listen}/ws"), invoker, CancellationToken.None);

        Assert.Equal("blue:h2", await EchoAsync(socket, "h2"));
        Assert.Equal(1, (await _edge.TrafficAsync("shop"))["blue"].InFlight);
    }

    [Fact]
    public async Task IdleTimeout_AQuietWebSocketOutlivesIt_WhileARequestToASilentRevisionGets504AndTheLogNamesIt()
    {
        await _edge.ApplyAsync(Route(("blue", _blue)) with { IdleTimeoutSeconds = 1 });
        using var socket = await ConnectAsync();
        Assert.Equal("blue:1", await EchoAsync(socket, "1"));

        // Each silent request is ended after 1 s without data, YARP's timer on real time: the socket, quiet all along,
        // has been idle for more than twice the idle timeout once both are answered.
        for (var i = 0; i < 2; i++)
        {
            using var response = await EdgeHarness.Client.GetAsync($"http://{_listen}/silent");
            Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        }

        Assert.Equal("blue:2", await EchoAsync(socket, "2"));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning
            && e.Message.Contains("shop: edge.idleTimeout (1s) ended a request to revision blue at") && e.Message.Contains("(status 504)"));
        var blue = (await _edge.TrafficAsync("shop"))["blue"];
        Assert.Equal(2, blue.TransportErrors);
        Assert.Equal(1, blue.InFlight);
    }

    private AppRoute Route(params (string Name, ProtocolBackend Backend)[] backends) =>
        new("shop", _listen, [.. backends.Select(b => new RouteBackend(b.Name, b.Backend.Address, 1))]);

    private async Task<ClientWebSocket> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        socket.Options.Proxy = null;
        socket.Options.KeepAliveInterval = TimeSpan.Zero; // quiet means quiet: no keep-alive frames of the client's own
        await socket.ConnectAsync(new Uri($"ws://{_listen}/ws"), CancellationToken.None);
        return socket;
    }

    private static async Task<string> EchoAsync(WebSocket socket, string message)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }

}
