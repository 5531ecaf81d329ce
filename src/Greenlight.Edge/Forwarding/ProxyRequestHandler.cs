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
        return ForwardAsync(context, app, backend, ForwardingClient.For(table.Route));
    }

    private async Task ForwardAsync(HttpContext context, EdgeApp app, Backend backend, ForwarderRequestConfig config)
    {
        // The request holds the backend itself, not the table, so a swap or removal never cuts it off (draining) until
        // the revision's drain timeout ends it.
        var metrics = backend.Metrics;
        metrics.Started();
        var started = time.GetTimestamp();
        ForwarderError? error = null; // stays null only if the forwarder threw, which is never the revision's fault
        var prefix = backend.NextPrefix();
        var drain = metrics.Drain.Track(context);
        var clock = HeadersClock.IsGrpc(context.Request) ? new HeadersClock(time) : null;
        try
        {
            error = await forwarder.SendAsync(context, prefix, client, config, clock ?? HttpTransformer.Default);
        }
        finally
        {
            drain.Dispose();
            var outcome = Outcome(error);
            metrics.Completed(context.Response.StatusCode, outcome, Latency(context, started, clock));
            if (outcome == ForwardOutcome.TransportError)
                LogTransportError(app.Name, backend.Revision, prefix, error, context.Features.Get<IForwarderErrorFeature>()?.Exception?.Message);
            else if (error == ForwarderError.UpgradeActivityTimeout)
                LogIdleUpgrade(app.Name, backend.Revision, config.ActivityTimeout!.Value.TotalSeconds);
        }
    }

    /// <summary>A WebSocket (HTTP/1.1 Upgrade, or extended CONNECT over HTTP/2) lasts as long as its users stay: its duration
    /// says nothing about the revision's speed and is kept out of the latency histogram (null). A gRPC call is measured to
    /// its response headers; any other request to the end of its response.</summary>
    private TimeSpan? Latency(HttpContext context, long started, HeadersClock? clock)
    {
        if (context.Response.StatusCode == StatusCodes.Status101SwitchingProtocols || HttpMethods.IsConnect(context.Request.Method)) return null;
        return clock is { HeadersAt: > 0 } ? time.GetElapsedTime(started, clock.HeadersAt) : time.GetElapsedTime(started);
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
