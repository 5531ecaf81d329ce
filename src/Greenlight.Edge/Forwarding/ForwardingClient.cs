using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace Greenlight.Edge.Forwarding;

/// <summary>The one outbound client of an edge: every app and revision shares its connection pools.</summary>
internal static class ForwardingClient
{
    /// <summary>Backends are local HTTP/1.1 services; asking for HTTP/2 first would only cost a negotiation.</summary>
    public static ForwarderRequestConfig RequestConfig { get; } = new()
    {
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        ActivityTimeout = TimeSpan.FromSeconds(100),
    };

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
