using Greenlight.Edge.Handoff;
using Greenlight.Edge.Hosting;
using Greenlight.Edge.Metrics;
using Greenlight.Edge.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greenlight.Edge.Admin;

/// <summary>The loopback Kestrel host of the admin API.</summary>
internal sealed class AdminHost(WebApplication web, Uri address, ListenSockets.Lease sockets) : IAsyncDisposable
{
    /// <summary>The bound address (the real port when 0 was asked for), e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; } = address;

    /// <summary>Its listening sockets, which a hand-over passes on so the address stays the same.</summary>
    public ListenSockets.Lease Sockets => sockets;

    /// <param name="sockets">The admin socket, inherited in a hand-over so the controller finds the API where it was.</param>
    public static async Task<AdminHost> StartAsync(
        ListenSockets.Lease sockets, BearerToken token, RouteRegistry routes, EdgeMetrics metrics,
        ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = BareHost.CreateBuilder(loggerFactory, kestrel => sockets.Listen(kestrel));
        sockets.UseSockets(builder.WebHost);
        builder.Services.AddRoutingCore();

        var web = builder.Build();
        web.Use(sockets.CloseWhenAskedAsync);
        web.Use(token.Guard);
        AdminEndpoints.Map(web, routes, metrics);
        try
        {
            await web.StartAsync(cancellationToken);
        }
        catch
        {
            await web.DisposeAsync();
            sockets.Dispose();
            throw;
        }

        return new AdminHost(web, new Uri($"http://{sockets.Sockets[0].LocalEndPoint}/"), sockets);
    }

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
        }
    }
}
