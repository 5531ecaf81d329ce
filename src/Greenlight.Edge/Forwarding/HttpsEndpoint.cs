using Greenlight.Edge.Routing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Greenlight.Edge.Forwarding;

/// <summary>The HTTPS side of a public listener, and the redirect to it from plain HTTP.</summary>
internal static class HttpsEndpoint
{
    /// <summary>TLS with HTTP/2 or HTTP/1.1 by ALPN. Certificates and versions are read from the current table of the app
    /// the SNI name picks on every handshake, so a new route or a renewed certificate file applies to the next connection,
    /// and connections already open keep theirs. A name no app here answers gets no certificate: the handshake fails.</summary>
    public static void Configure(ListenOptions listen, ListenerSite site)
    {
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            OnConnection = context =>
            {
                var serverName = context.ClientHelloInfo.ServerName;
                var app = site.Map.ForHandshake(serverName)
                    ?? throw new InvalidOperationException($"no app on {site.Address} answers the TLS server name '{serverName}'");
                return app.Table.Tls is { } tls
                    ? ValueTask.FromResult(tls.OptionsFor(serverName))
                    : throw new InvalidOperationException($"app '{app.Name}' no longer has TLS on {site.Address}");
            },
        });
    }

    /// <summary>308 keeps the method and body, so a POST lands as a POST.</summary>
    public static Task RedirectAsync(HttpContext context, ListenAddress https)
    {
        var request = context.Request;
        var host = request.Host.HasValue ? request.Host.Host : https.Host;
        var target = https.Port == 443 ? new HostString(host) : new HostString(host, https.Port);
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = UriHelper.BuildAbsolute("https", target, request.PathBase, request.Path, request.QueryString);
        return Task.CompletedTask;
    }
}
