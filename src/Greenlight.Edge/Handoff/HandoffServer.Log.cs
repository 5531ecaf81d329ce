using Microsoft.Extensions.Logging;

namespace Greenlight.Edge.Handoff;

internal sealed partial class HandoffServer
{
    [LoggerMessage(1, LogLevel.Warning, "Hand-over to pid {Pid} refused: {Reason}")]
    private partial void LogRefused(int pid, string reason);

    [LoggerMessage(2, LogLevel.Information, "Hand-over: {Count} listening sockets and the state lock passed to pid {Pid}; route changes refused until it serves")]
    private partial void LogOffered(int pid, int count);

    [LoggerMessage(3, LogLevel.Warning, "Hand-over to pid {Pid} failed ({Reason}); this edge keeps serving and accepting route changes")]
    private partial void LogAbandoned(int pid, string reason);

    [LoggerMessage(4, LogLevel.Information, "Handed over to pid {Pid}: this edge stops accepting, drains its in-flight requests and exits")]
    private partial void LogHandedOver(int pid);
}
