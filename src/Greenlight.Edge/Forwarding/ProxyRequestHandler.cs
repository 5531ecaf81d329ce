using Greenlight.Edge.Routing;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Greenlight.Edge.Forwarding;

/// <summary>The hot path: read the app's current table, pick a backend, forward, count.</summary>
internal sealed class ProxyRequestHandler(IHttpForwarder forwarder, HttpMessageInvoker client, TimeProvider time)
{
    static readonly bool NoXf = Environment.GetEnvironmentVariable("GL_NOXF") == "1";
    public Task HandleAsync(HttpContext context, EdgeApp app)
    {
        // The table is read once: the whole request uses the split that was current when it arrived.
        var table = app.Table;
        var backend = table.Pick();
        return backend is null ? RefuseAsync(context, table) : ForwardAsync(context, backend);
    }

    private async Task ForwardAsync(HttpContext context, Backend backend)
    {
        // The request holds the backend itself, not the table, so a swap or removal never cuts it off (draining).
        var metrics = backend.Metrics;
        metrics.Started();
        var started = time.GetTimestamp();
        var error = ForwarderError.None;
        try
        {
            error = await forwarder.SendAsync(context, backend.Prefix, client, ForwardingClient.RequestConfig, NoXf ? HttpTransformer.Empty : HttpTransformer.Default);
        }
        finally
        {
            metrics.Completed(context.Response.StatusCode, IsTransportError(error), time.GetElapsedTime(started));
        }
    }

    private static Task RefuseAsync(HttpContext context, RouteTable table)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = table.Refusal.Length;
        return response.Body.WriteAsync(table.Refusal, context.RequestAborted).AsTask();
    }

    /// <summary>Failures on the revision's side; the client's own aborts and bad bodies are not the revision's fault.</summary>
    private static bool IsTransportError(ForwarderError error) => error is ForwarderError.Request
        or ForwarderError.RequestTimedOut
        or ForwarderError.RequestBodyDestination
        or ForwarderError.ResponseBodyDestination
        or ForwarderError.UpgradeRequestDestination
        or ForwarderError.UpgradeResponseDestination;
}
