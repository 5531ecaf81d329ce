using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Greenlight.Edge.Forwarding;

/// <summary>
/// The transforms of <see cref="HttpTransformer.Default"/>, noting what the per-revision metrics need of a gRPC call: when
/// the revision's response headers arrived, and its <c>grpc-status</c>. A gRPC call's latency is measured to its headers:
/// a server stream that lasts an hour answered them with its first message, and only that says how fast the revision is.
/// Its failure travels in the trailers (or in the headers of a trailers-only answer) under an HTTP 200. One per gRPC call;
/// other requests use the default as it is.
/// </summary>
internal sealed class GrpcCall(TimeProvider time) : HttpTransformer
{
    /// <summary>The timestamp at the response headers; 0 when none arrived (the call failed before).</summary>
    public long HeadersAt { get; private set; }

    /// <summary>The revision's <c>grpc-status</c>; null when it sent none (yet).</summary>
    public int? Status { get; private set; }

    /// <summary>
    /// The statuses that say the server failed, as Google's API design guide maps them to HTTP 5xx: UNKNOWN (2, what a
    /// gRPC server answers for an unhandled exception), DEADLINE_EXCEEDED (4, the server did not finish in time; a client
    /// that gives up itself resets the stream instead), UNIMPLEMENTED (12, a method the revision lost), INTERNAL (13),
    /// UNAVAILABLE (14) and DATA_LOSS (15). RESOURCE_EXHAUSTED (8) is a quota or rate limit, HTTP 429, and like
    /// INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED and the others the caller's doing.
    /// </summary>
    public bool ServerFailed => Status is 2 or 4 or 12 or 13 or 14 or 15;

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);

    public override ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken) =>
        Default.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

    public override ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is not null)
        {
            HeadersAt = time.GetTimestamp();
            Status = Read(proxyResponse.Headers);
        }

        return Default.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
    }

    public override ValueTask TransformResponseTrailersAsync(HttpContext httpContext, HttpResponseMessage proxyResponse, CancellationToken cancellationToken)
    {
        Status = Read(proxyResponse.TrailingHeaders) ?? Status;
        return Default.TransformResponseTrailersAsync(httpContext, proxyResponse, cancellationToken);
    }

    private static int? Read(HttpHeaders headers) =>
        headers.NonValidated.TryGetValues("grpc-status", out var values)
        && int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            ? status
            : null;
}
