using Microsoft.Extensions.Logging;

namespace Greenlight.Edge.Hosting;

/// <summary>
/// How the edge's inner hosts log: into the factory the edge was given, minus per-request noise the
/// hot path must not pay for whatever that factory's levels are. ASP.NET Core starts an Activity per
/// request as soon as its hosting diagnostics log is enabled at all, and YARP logs two Information
/// lines per forwarded request; the edge logs transport errors itself (ProxyRequestHandler).
/// </summary>
internal static class EdgeLogging
{
    public static ILoggingBuilder ForwardTo(this ILoggingBuilder logging, ILoggerFactory target) => logging
        .ClearProviders()
        .SetMinimumLevel(LogLevel.Trace)
        .AddProvider(new ForwardingProvider(target))
        .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None)
        .AddFilter("Yarp.ReverseProxy", LogLevel.Warning);

    private sealed class ForwardingProvider(ILoggerFactory target) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

        public void Dispose()
        {
            // The target factory belongs to whoever started the edge.
        }
    }
}
