using Greenlight.Edge.Hosting;
using Greenlight.Edge.Metrics;
using Greenlight.Edge.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greenlight.Edge.Admin;

/// <summary>The loopback Kestrel host of the admin API.</summary>
internal sealed class AdminHost(WebApplication web, Uri address) : IAsyncDisposable
{
    /// <summary>The bound address (the real port when 0 was asked for), e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; } = address;

    public static async Task<AdminHost> StartAsync(
        ListenAddress listen, BearerToken token, RouteRegistry routes, EdgeMetrics metrics,
        ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = BareHost.CreateBuilder(loggerFactory, kestrel => listen.Bind(kestrel));
        builder.Services.AddRoutingCore();

        var web = builder.Build();
        web.Use(token.Guard);
        AdminEndpoints.Map(web, routes, metrics);
        try
        {
            await web.StartAsync(cancellationToken);
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }

        var bound = web.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new AdminHost(web, new Uri(bound.TrimEnd('/') + "/"));
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
        }
    }
}
