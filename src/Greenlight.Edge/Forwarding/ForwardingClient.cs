using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace Greenlight.Edge.Forwarding;

/// <summary>The one outbound client of an edge: every app and revision shares its connection pools.</summary>
internal static class ForwardingClient
{
    /// <summary>Backends are local HTTP/1.1 services; asking for HTTP/2 first would only cost a negotiation.</summary>
    public static ForwarderRequestConfig Http1 { get; } = new()
    {
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        ActivityTimeout = TimeSpan.FromSeconds(100),
    };

    /// <summary>HTTP/2 only: h2c with prior knowledge to http:// revisions (what gRPC servers on Kestrel take), ALPN to
    /// https:// ones. Exact, so a revision that cannot speak it fails loudly rather than silently getting HTTP/1.1 (which
    /// would break gRPC's trailers).</summary>
    public static ForwarderRequestConfig Http2 { get; } = Http1 with
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    /// <summary>The config for the route's <c>upstream</c>; the validator lets only null, http1 and http2 through.</summary>
    public static ForwarderRequestConfig For(Core.Traffic.AppRoute route) => route.Upstream == "http2" ? Http2 : Http1;

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
