using Greenlight.Edge.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Greenlight.Edge.Forwarding;

/// <summary>
/// The public Kestrel endpoint of one app. A small host of its own, so an app can start, move or
/// stop without touching the others; it reads the app's table on every request, never caches it.
/// </summary>
internal sealed class PublicListener(WebApplication web, ListenAddress address) : IAsyncDisposable
{
    public ListenAddress Address { get; } = address;

    public static async Task<PublicListener> StartAsync(
        ListenAddress address, EdgeApp app, ProxyRequestHandler handler, ILoggerFactory loggerFactory,
        TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = drainTimeout);
        if (Environment.GetEnvironmentVariable("GL_INLINE") == "1") builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The revision decides what it accepts; the edge only forwards.
            kestrel.Limits.MaxRequestBodySize = null;
            if (Environment.GetEnvironmentVariable("GL_H1") == "1") kestrel.ConfigureEndpointDefaults(l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1);
            address.Bind(kestrel);
        });

        var web = builder.Build();
        web.Run(context => handler.HandleAsync(context, app));
        try
        {
            await web.StartAsync(cancellationToken);
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }

        return new PublicListener(web, address);
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
        }
    }
}
