using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Greenlight.Edge.Forwarding;

/// <summary>
/// The transforms of <see cref="HttpTransformer.Default"/>, noting when the revision's response headers arrived. A gRPC
/// call's latency is measured to that moment: a server stream that lasts an hour answered its headers at its first
/// message, and only that says how fast the revision is. One per gRPC call; other requests use the default as it is.
/// </summary>
internal sealed class HeadersClock(TimeProvider time) : HttpTransformer
{
    /// <summary>The timestamp at the response headers; 0 when none arrived (the call failed before).</summary>
    public long HeadersAt { get; private set; }

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);

    public override ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken) =>
        Default.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

    public override ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is not null) HeadersAt = time.GetTimestamp();
        return Default.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
    }

    public override ValueTask TransformResponseTrailersAsync(HttpContext httpContext, HttpResponseMessage proxyResponse, CancellationToken cancellationToken) =>
        Default.TransformResponseTrailersAsync(httpContext, proxyResponse, cancellationToken);
}
