using Greenlight.Edge.Handoff;
using Greenlight.Edge.Hosting;
using Greenlight.Edge.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Greenlight.Edge.Forwarding;

/// <summary>
/// The public Kestrel endpoint of one listen address and its apps. A small host of its own, so an app can start, move
/// or stop without touching the other addresses; it reads the address's apps and their tables on every request, never
/// caches them.
/// </summary>
internal sealed class PublicListener(WebApplication web, ListenAddress address, ListenSockets.Lease sockets, ListenSockets.Lease? redirectSockets) : IAsyncDisposable
{
    public ListenAddress Address { get; } = address;

    public static async Task<PublicListener> StartAsync(
        ListenAddress address, ListenerSite site, ListenerSettings settings, CancellationToken cancellationToken)
    {
        // Bound by the edge, not Kestrel, so that a hand-over can pass the sockets to the next edge (Handoff/).
        var sockets = settings.Sockets.Take(address);
        ListenSockets.Lease? redirectSockets = null;
        try
        {
            if (site.Tls?.RedirectHttp is { } redirect && ListenAddress.TryParse(redirect, false, out var plain, out _))
                redirectSockets = settings.Sockets.Take(plain);
        }
        catch
        {
            sockets.Dispose();
            throw;
        }

        var builder = BareHost.CreateBuilder(settings.LoggerFactory, kestrel =>
        {
            // The revision decides what it accepts; the edge only forwards.
            kestrel.Limits.MaxRequestBodySize = null;
            sockets.Listen(kestrel, site.Tls is null ? null : listen => HttpsEndpoint.Configure(listen, site));
            redirectSockets?.Listen(kestrel);
        });
        // A process started with DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 runs socket completions on
        // the epoll threads; Kestrel continuing inline too means a forwarded request never hops threads
        // (clearly less CPU per request in bench/edge/run). Safe because the forwarding path never
        // blocks; the admin host keeps the thread pool, as it fsyncs routes.json.
        sockets.UseSockets(builder.WebHost, settings.InlineScheduling);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.DrainTimeout);

        var web = builder.Build();
        var handler = settings.Handler;
        web.Use(settings.Sockets.CloseWhenAskedAsync);
        web.Run(context => HostDispatch.HandleAsync(context, site, handler));
        try
        {
            await web.StartAsync(cancellationToken);
        }
        catch
        {
            await web.DisposeAsync();
            sockets.Dispose();
            redirectSockets?.Dispose();
            throw;
        }

        return new PublicListener(web, address, sockets, redirectSockets);
    }

    /// <summary>Stops accepting, lets in-flight requests finish within the drain timeout, then releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await web.StopAsync();
        }
        finally
        {
            await web.DisposeAsync();
            sockets.Dispose();
            redirectSockets?.Dispose();
        }
    }
}

/// <summary>What every public listener of an edge shares.</summary>
internal sealed record ListenerSettings(ProxyRequestHandler Handler, ILoggerFactory LoggerFactory, TimeSpan DrainTimeout, bool InlineScheduling, ListenSockets Sockets);
