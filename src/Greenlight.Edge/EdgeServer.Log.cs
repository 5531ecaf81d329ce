using Microsoft.Extensions.Logging;

namespace Greenlight.Edge;

public sealed partial class EdgeServer
{
    [LoggerMessage(1, LogLevel.Information, "Edge admin API on {Address} (state in {StateDirectory})")]
    private partial void LogStarted(Uri address, string stateDirectory);

    [LoggerMessage(2, LogLevel.Information, "Edge stopped (state in {StateDirectory})")]
    private partial void LogStopped(string stateDirectory);

    [LoggerMessage(3, LogLevel.Information, "Standby edge (pid {Pid}) ready to take over {StateDirectory}")]
    private static partial void LogStandbyReady(ILogger logger, int pid, string stateDirectory);

    [LoggerMessage(8, LogLevel.Information, "Standby edge: the edge serving {StateDirectory} is gone (its lock is free); taking over")]
    private static partial void LogStandbyTakingOver(ILogger logger, string stateDirectory);

    [LoggerMessage(4, LogLevel.Warning, "Standby warm-up failed; a takeover will only be slower")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Information, "Edge took over from pid {Pid}: {Count} listening sockets (public and admin) and the saved route table")]
    private partial void LogTookOver(int pid, int count);

    [LoggerMessage(6, LogLevel.Information, "Edge handed over to pid {Pid} and drained (state in {StateDirectory})")]
    private partial void LogHandedOverStopped(int pid, string stateDirectory);

    [LoggerMessage(7, LogLevel.Warning, "Planned restarts of this edge will not be seamless: no hand-over socket ({Reason})")]
    private partial void LogHandoffUnavailable(string reason);
}
