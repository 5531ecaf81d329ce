using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Greenlight.Edge.Hosting;

/// <summary>
/// A Kestrel host with nothing the edge did not ask for: no appsettings, no environment variables
/// (ASPNETCORE_URLS must not move a listener), no default middleware; logs go to the edge's factory.
/// </summary>
internal static class BareHost
{
    public static WebApplicationBuilder CreateBuilder(ILoggerFactory loggerFactory, Action<KestrelServerOptions> configureKestrel)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ForwardTo(loggerFactory);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            configureKestrel(kestrel);
        });
        return builder;
    }
}
