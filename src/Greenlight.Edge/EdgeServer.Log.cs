using Microsoft.Extensions.Logging;

namespace Greenlight.Edge;

public sealed partial class EdgeServer
{
    [LoggerMessage(1, LogLevel.Information, "Edge admin API on {Address} (state in {StateDirectory})")]
    private partial void LogStarted(Uri address, string stateDirectory);

    [LoggerMessage(2, LogLevel.Information, "Edge stopped (state in {StateDirectory})")]
    private partial void LogStopped(string stateDirectory);
}
