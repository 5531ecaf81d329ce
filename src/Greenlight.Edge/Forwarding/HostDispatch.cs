using System.Text;
using Greenlight.Edge.Routing;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Edge.Forwarding;

/// <summary>Hands a request on a listener to the app its host name picks; answers itself what no app there should get.</summary>
internal static class HostDispatch
{
    private static readonly byte[] UnknownHost = Encoding.UTF8.GetBytes("greenlight edge: no app on this address answers this host name\n");

    private static readonly byte[] Misdirected = Encoding.UTF8.GetBytes(
        "greenlight edge: this connection was opened (TLS SNI) for another app's host name; send this request on a new connection\n");

    public static Task HandleAsync(HttpContext context, ListenerSite site, ProxyRequestHandler handler)
    {
        var map = site.Map;
        var app = map.Find(context.Request);
        if (app is null) return RefuseAsync(context, StatusCodes.Status404NotFound, UnknownHost);
        // The handshake chose its certificate, TLS versions and HSTS by the SNI name's app: another app's request on that
        // connection (HTTP/2 coalescing, a client reusing a socket) must come again on a connection of its own.
        if (map.IsShared && context.Request.IsHttps
            && context.Features.Get<ITlsHandshakeFeature>()?.HostName is { Length: > 0 } serverName && map.Find(serverName) != app)
            return RefuseAsync(context, StatusCodes.Status421MisdirectedRequest, Misdirected);
        return handler.HandleAsync(context, app);
    }

    private static Task RefuseAsync(HttpContext context, int status, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
