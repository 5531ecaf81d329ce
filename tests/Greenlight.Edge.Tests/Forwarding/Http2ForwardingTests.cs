using System.Net;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Tests.Support;
using Greenlight.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Time.Testing;

namespace Greenlight.Edge.Tests.Forwarding;

/// <summary>HTTP/2 on both sides of the edge: from clients over TLS (ALPN), to revisions as h2c with <c>upstream: http2</c>.</summary>
public sealed class Http2ForwardingTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private readonly TempDirectory _files = new();
    private readonly string _listen = Ports.FreeListen();
    private readonly FakeTimeProvider _time = new();
    private EdgeHarness _edge = null!;
    private ProtocolBackend _blue = null!;
    private ProtocolBackend _green = null!;

    public async Task InitializeAsync()
    {
        _edge = await EdgeHarness.StartAsync(_state.Path, time: _time);
        // HTTP/2 only: a revision the edge reached over HTTP/1.1 would refuse the connection.
        _blue = await ProtocolBackend.StartAsync("blue", HttpProtocols.Http2);
        _green = await ProtocolBackend.StartAsync("green", HttpProtocols.Http2);
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _blue.DisposeAsync();
        await _green.DisposeAsync();
        _state.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Forward_Http2ClientAndHttp2Upstream_BothRevisionsAnswerOverHttp2()
    {
        await _edge.ApplyAsync(Canary() with { Upstream = "http2" });
        using var client = new HttpClient(TrustingHandler())
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync($"https://{_listen}/proto");
            Assert.Equal(HttpVersion.Version20, response.Version);
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(["blue HTTP/2", "blue HTTP/2", "green HTTP/2", "green HTTP/2"], answers.Order());
    }

    [Fact]
    public async Task Forward_PriorKnowledgeH2cToAPlainListener_IsRefusedAsHttp11Required()
    {
        await _edge.ApplyAsync(Canary(tls: false) with { Upstream = "http2" });
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://{_listen}/proto"));

        Assert.Contains("HTTP_1_1_REQUIRED", refused.Message);
        Assert.StartsWith("blue HTTP/2", await EdgeHarness.GetAsync(_listen, "/proto"));
    }

    [Fact]
    public async Task GrpcServerStreaming_ThroughACanarySplit_EachStreamStaysOnItsRevisionAcrossAFlip()
    {
        await _edge.ApplyAsync(Canary() with { Upstream = "http2" });
        using var channel = GrpcChannel.ForAddress($"https://{_listen}", new GrpcChannelOptions { HttpHandler = TrustingHandler() });
        var invoker = channel.CreateCallInvoker();

        var calls = new List<AsyncServerStreamingCall<string>>();
        var first = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var call = invoker.AsyncServerStreamingCall(ProtocolBackend.Stream, null, new CallOptions(), "hello");
            calls.Add(call);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            first.Add(call.ResponseStream.Current);
        }

        // Every stream is open; the flip sends everything new to green and takes blue out of the route.
        await _edge.ApplyAsync(Canary() with { Backends = [new RouteBackend("green", _green.Address, 1)], Upstream = "http2" });
        var duringFlip = await _edge.TrafficAsync("shop");
        // The streams last an hour on the edge's clock: their latency is their time to the response headers, not that hour.
        _time.Advance(TimeSpan.FromHours(1));
        _blue.Release();
        _green.Release();
        for (var i = 0; i < calls.Count; i++)
        {
            var rest = new List<string>();
            await foreach (var message in calls[i].ResponseStream.ReadAllAsync()) rest.Add(message);
            Assert.Equal([first[i], first[i]], rest);
            Assert.Equal(StatusCode.OK, calls[i].GetStatus().StatusCode);
            calls[i].Dispose();
        }

        Assert.Equal(3, first.Count(name => name == "blue"));
        Assert.Equal(3, first.Count(name => name == "green"));
        Assert.Equal(3, duringFlip["blue"].InFlight);
        var traffic = await _edge.TrafficAsync("shop");
        Assert.Equal(3, traffic["green"].Requests);
        Assert.Equal(0, traffic["green"].InFlight);
        Assert.Equal(3, traffic["green"].Latency!.CumulativeCounts[0]);
        Assert.False(traffic.ContainsKey("blue"), "blue left the route and has drained");
    }

    [Fact]
    public async Task GrpcFailures_ServerStatusesCountAsErrorsOfTheirRevision_ClientStatusesDoNot()
    {
        await _edge.ApplyAsync(Canary() with { Backends = [new RouteBackend("blue", _blue.Address, 1)], Upstream = "http2" });
        using var channel = GrpcChannel.ForAddress($"https://{_listen}", new GrpcChannelOptions { HttpHandler = TrustingHandler() });
        var invoker = channel.CreateCallInvoker();

        // UNAVAILABLE before any message (grpc-status in the headers), INTERNAL after one (in the trailers), and the
        // caller's own INVALID_ARGUMENT, also after a message.
        Assert.Equal(StatusCode.Unavailable, await CallStatusAsync(invoker, "14"));
        Assert.Equal(StatusCode.Internal, await CallStatusAsync(invoker, "13 late"));
        Assert.Equal(StatusCode.InvalidArgument, await CallStatusAsync(invoker, "3 late"));
        Assert.Equal(StatusCode.NotFound, await CallStatusAsync(invoker, "5"));

        var blue = (await _edge.TrafficAsync("shop"))["blue"];
        Assert.Equal(4, blue.Requests);
        Assert.Equal(2, blue.ServerErrors);
        Assert.Equal(0, blue.TransportErrors);
        Assert.Contains("greenlight_edge_requests_total{app=\"shop\",revision=\"blue\",code=\"5xx\"} 2", await _edge.Admin.GetStringAsync("metrics"));
    }

    [Fact]
    public async Task GrpcServerStream_QuietForLongerThanTheIdleTimeout_IsNotEnded()
    {
        await _edge.ApplyAsync(Canary() with { Backends = [new RouteBackend("blue", _blue.Address, 1)], Upstream = "http2", IdleTimeoutSeconds = 1 });
        using var channel = GrpcChannel.ForAddress($"https://{_listen}", new GrpcChannelOptions { HttpHandler = TrustingHandler() });
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(ProtocolBackend.Stream, null, new CallOptions(), "hello");
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        // Two requests to a silent path are each ended after the 1 s idle timeout (YARP's timer is on real time): by then
        // the stream has waited more than twice that for its next message.
        using var client = new HttpClient(TrustingHandler()) { DefaultRequestVersion = HttpVersion.Version20 };
        for (var i = 0; i < 2; i++)
        {
            using var silent = await client.GetAsync($"https://{_listen}/silent");
            Assert.Equal(HttpStatusCode.GatewayTimeout, silent.StatusCode);
        }

        _blue.Release();
        var rest = new List<string>();
        await foreach (var message in call.ResponseStream.ReadAllAsync()) rest.Add(message);
        Assert.Equal(["blue", "blue"], rest);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    private static async Task<StatusCode> CallStatusAsync(CallInvoker invoker, string request)
    {
        using var call = invoker.AsyncServerStreamingCall(ProtocolBackend.Fail, null, new CallOptions(), request);
        var failed = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
        });
        return failed.StatusCode;
    }

    /// <summary>Blue and green at one half each; over TLS unless <paramref name="tls"/> is false.</summary>
    private AppRoute Canary(bool tls = true)
    {
        var route = new AppRoute("shop", _listen, [new RouteBackend("blue", _blue.Address, 1), new RouteBackend("green", _green.Address, 1)]);
        if (!tls) return route;
        var certificate = TestCertificates.Write(_files.Path, "shop.test", "shop");
        return route with { Tls = new EdgeTls(certificate.Certificate, certificate.Key) };
    }

    /// <summary>The test's own certificate is trusted as it is: what is tested is the protocol, not the chain.</summary>
    private static SocketsHttpHandler TrustingHandler() => new()
    {
        UseProxy = false,
        SslOptions = new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    };
}
