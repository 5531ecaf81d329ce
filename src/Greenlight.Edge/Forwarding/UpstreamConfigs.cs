using Greenlight.Core.Manifest;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Greenlight.Edge.Forwarding;

/// <summary>
/// What the edge hands YARP for one route. Ordinary requests are ended after <c>edge.idleTimeout</c> without data (YARP's
/// activity timeout). Upgraded connections (WebSockets) and gRPC calls get no activity timeout at all: a quiet chat user
/// or a server stream waiting for its next event is legitimate long work; they end when a side closes them, or by the
/// revision's drain timeout once it leaves the route. YARP takes <see cref="Timeout.InfiniteTimeSpan"/> there (its timer
/// is a CancelAfter(-1)).
/// </summary>
internal sealed record UpstreamConfigs(ForwarderRequestConfig Requests, ForwarderRequestConfig Streams, string IdleTimeout)
{
    public static UpstreamConfigs Of(ForwarderRequestConfig requests) => new(
        requests, requests with { ActivityTimeout = Timeout.InfiniteTimeSpan }, DurationText.Format(requests.ActivityTimeout!.Value));

    /// <summary><see cref="Streams"/> for a WebSocket (HTTP/1.1 <c>Upgrade</c>, or extended CONNECT over HTTP/2) or a gRPC
    /// call; <see cref="Requests"/> for anything else.</summary>
    public ForwarderRequestConfig For(HttpRequest request, bool grpc) =>
        grpc || request.Headers.Upgrade.Count > 0 || HttpMethods.IsConnect(request.Method) ? Streams : Requests;
}
