using Microsoft.Extensions.Logging;

namespace Greenlight.Cli.Output;

internal static class Logging
{
    /// <summary>Console logs for the long-running commands (up, edge); one line each, timestamped.</summary>
    public static ILoggerFactory Console() => LoggerFactory.Create(b => b
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        }));

    /// <summary>Errors only, on standard error: for a command whose standard output is its result (the demo).</summary>
    public static ILoggerFactory Errors() => LoggerFactory.Create(b => b
        .SetMinimumLevel(LogLevel.Error)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        }));
}
