using Microsoft.Extensions.Logging;

namespace Greenlight.Edge.Routing;

internal sealed partial class RouteRegistry
{
    [LoggerMessage(1, LogLevel.Information, "Route of {App} on {Listen}: {Weights}")]
    private partial void LogApplied(string app, string listen, string weights);

    [LoggerMessage(2, LogLevel.Information, "Route of {App} deleted")]
    private partial void LogDeleted(string app);

    [LoggerMessage(3, LogLevel.Information, "Restored {Count} route(s) from disk")]
    private partial void LogRestored(int count);

    [LoggerMessage(4, LogLevel.Error, "Cannot listen for {App} on {Listen}; the route is kept and the next change of it retries")]
    private partial void LogRestoreBindFailed(string app, string listen, Exception exception);

    [LoggerMessage(5, LogLevel.Error, "Cannot serve {App} after restart: {Reason}; the app is left out until its route is set again")]
    private partial void LogRestoreTlsFailed(string app, string reason);
}
