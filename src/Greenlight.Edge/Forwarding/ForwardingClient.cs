using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace Greenlight.Edge.Forwarding;

/// <summary>The one outbound client of an edge: every app and revision shares its connection pools.</summary>
internal static class ForwardingClient
{
    /// <summary>Backends are local HTTP/1.1 services; asking for HTTP/2 first would only cost a negotiation.</summary>
    private static readonly ForwarderRequestConfig Http1 = new()
    {
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        ActivityTimeout = Core.Manifest.EdgeSpec.DefaultIdleTimeout,
    };

    /// <summary>HTTP/2 only: h2c with prior knowledge to http:// revisions (what gRPC servers on Kestrel take), ALPN to
    /// https:// ones. Exact, so a revision that cannot speak it fails loudly rather than silently getting HTTP/1.1 (which
    /// would break gRPC's trailers).</summary>
    private static readonly ForwarderRequestConfig Http2 = Http1 with
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private static readonly UpstreamConfigs Http1Default = UpstreamConfigs.Of(Http1);
    private static readonly UpstreamConfigs Http2Default = UpstreamConfigs.Of(Http2);

    /// <summary>The configs for the route's <c>upstream</c> and <c>idleTimeoutSeconds</c>, built once per route table; the
    /// validator lets only null, http1 and http2 through, and idle timeouts from 1 s.</summary>
    public static UpstreamConfigs For(Core.Traffic.AppRoute route)
    {
        var protocol = route.Upstream == "http2" ? Http2Default : Http1Default;
        return route.IdleTimeoutSeconds is { } seconds
            ? UpstreamConfigs.Of(protocol.Requests with { ActivityTimeout = TimeSpan.FromSeconds(seconds) })
            : protocol;
    }

    public static HttpMessageInvoker Create() => new(new SocketsHttpHandler
    {
        // A proxy must pass requests and responses through untouched: no env proxy, redirects,
        // cookie jar or decompression, and no tracing headers of its own.
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ActivityHeadersPropagator = null,
        EnableMultipleHttp2Connections = true,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        // Revisions come and go; don't keep sockets to retired ones around for long.
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
    }, disposeHandler: true);
}
