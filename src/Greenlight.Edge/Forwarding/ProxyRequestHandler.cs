using Greenlight.Edge.Metrics;
using Greenlight.Edge.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Greenlight.Edge.Forwarding;

/// <summary>The hot path: read the app's current table, select a backend, forward, count.</summary>
internal sealed partial class ProxyRequestHandler(IHttpForwarder forwarder, HttpMessageInvoker client, TimeProvider time, ILogger<ProxyRequestHandler> logger)
{
    public Task HandleAsync(HttpContext context, EdgeApp app)
    {
        // The table is read once: the whole request uses the split that was current when it arrived.
        var table = app.Table;
        if (table.Tls is { } tls)
        {
            // The only plain endpoint of a TLS app is its redirectHttp listener.
            if (!context.Request.IsHttps) return HttpsEndpoint.RedirectAsync(context, app.Listen);
            if (tls.Hsts is { } hsts) context.Response.Headers.StrictTransportSecurity = hsts;
        }

        var (backend, stickyCookie) = table.Select(context.Request);
        if (backend is null) return RefuseAsync(context, table);
        // Set before forwarding: YARP appends the revision's own headers, its Set-Cookie included, to it.
        if (stickyCookie is not null) context.Response.Headers.SetCookie = stickyCookie;
        return ForwardAsync(context, app, backend, table.Upstream);
    }

    private async Task ForwardAsync(HttpContext context, EdgeApp app, Backend backend, UpstreamConfigs upstream)
    {
        // The request holds the backend itself, not the table, so a swap or removal never cuts it off (draining) until
        // the revision's drain timeout ends it.
        var metrics = backend.Metrics;
        metrics.Started();
        var started = time.GetTimestamp();
        ForwarderError? error = null; // stays null only if the forwarder threw, which is never the revision's fault
        var prefix = backend.NextPrefix();
        var drain = metrics.Drain.Track(context);
        var grpc = GrpcCall.IsGrpc(context.Request) ? new GrpcCall(time) : null;
        try
        {
            error = await forwarder.SendAsync(context, prefix, client, upstream.For(context.Request, grpc is not null), grpc ?? HttpTransformer.Default);
        }
        finally
        {
            drain.Dispose();
            var idle = IdleTimedOut(context, error);
            // A response cut for silence is the revision's failure; a request body that stopped coming stays the client's.
            var outcome = idle && error == ForwarderError.ResponseBodyCanceled ? ForwardOutcome.TransportError : Outcome(error);
            if (outcome == ForwardOutcome.Answered && grpc is { ServerFailed: true }) outcome = ForwardOutcome.ServerFailed;
            metrics.Completed(context.Response.StatusCode, outcome, Latency(context, started, grpc));
            if (idle)
                LogIdleTimeout(app.Name, upstream.IdleTimeout, backend.Revision, prefix, context.Response.StatusCode);
            else if (outcome == ForwardOutcome.TransportError)
                LogTransportError(app.Name, backend.Revision, prefix, error, Failure(context)?.Message);
        }
    }

    /// <summary>
    /// Whether <c>edge.idleTimeout</c> (YARP's activity timeout) ended the request: while waiting for the revision's answer
    /// (504), between two pieces of its body with the client still there, or between two pieces of the client's body (408).
    /// YARP also reports a connect timeout as a timeout (the revision's address not answering, a transport error of its
    /// own), and Kestrel's minimum body data rate as a 408 (a BadHttpRequestException).
    /// </summary>
    private static bool IdleTimedOut(HttpContext context, ForwarderError? error) => error switch
    {
        ForwarderError.RequestTimedOut => Failure(context) is not OperationCanceledException { InnerException: TimeoutException },
        ForwarderError.ResponseBodyCanceled => !context.RequestAborted.IsCancellationRequested,
        ForwarderError.RequestBodyClient => context.Response.StatusCode == StatusCodes.Status408RequestTimeout
            && Failure(context) is not AggregateException { InnerException: BadHttpRequestException },
        _ => false,
    };

    private static Exception? Failure(HttpContext context) => context.Features.Get<IForwarderErrorFeature>()?.Exception;

    /// <summary>A WebSocket (HTTP/1.1 Upgrade, or extended CONNECT over HTTP/2) lasts as long as its users stay: its duration
    /// says nothing about the revision's speed and is kept out of the latency histogram (null). A gRPC call is measured to
    /// its response headers; any other request to the end of its response.</summary>
    private TimeSpan? Latency(HttpContext context, long started, GrpcCall? grpc)
    {
        if (context.Response.StatusCode == StatusCodes.Status101SwitchingProtocols || HttpMethods.IsConnect(context.Request.Method)) return null;
        return grpc is { HeadersAt: > 0 } ? time.GetElapsedTime(started, grpc.HeadersAt) : time.GetElapsedTime(started);
    }

    private static Task RefuseAsync(HttpContext context, RouteTable table)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = table.Refusal.Length;
        return response.Body.WriteAsync(table.Refusal, context.RequestAborted).AsTask();
    }

    /// <summary>
    /// With an error the status was set by YARP, not by the revision: failures on the revision's side
    /// are transport errors; the client's own aborts and broken bodies are not held against it.
    /// </summary>
    private static ForwardOutcome Outcome(ForwarderError? error) => error switch
    {
        ForwarderError.None => ForwardOutcome.Answered,
        ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.RequestBodyDestination
            or ForwarderError.ResponseHeaders or ForwarderError.ResponseBodyDestination
            or ForwarderError.UpgradeRequestDestination or ForwarderError.UpgradeResponseDestination => ForwardOutcome.TransportError,
        _ => ForwardOutcome.ClientError,
    };
}
