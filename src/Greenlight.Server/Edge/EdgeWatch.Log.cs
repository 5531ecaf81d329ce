using Microsoft.Extensions.Logging;

namespace Greenlight.Server.Edge;

public sealed partial class EdgeWatch
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "the edge (pid {Pid}) {Death}; starting it again with its saved route table")]
    private partial void LogDied(int pid, string death);

    [LoggerMessage(Level = LogLevel.Warning, Message = "edge restarted: pid {Pid} replaces pid {DeadPid}, serving again {Ms:0} ms after its death was noticed (attempt {Attempt})")]
    private partial void LogRestarted(int pid, int deadPid, double ms, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "the edge could not be started again (attempt {Attempt}); trying again after a delay")]
    private partial void LogRestartFailed(Exception exception, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the edge (pid {Pid}) did not answer its health check ({Misses} of {Limit} before it is restarted)")]
    private partial void LogHealthMissed(int pid, int misses, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "no standby edge could be started; a dead edge is replaced by a cold start")]
    private partial void LogStandbyFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "edge restarted without downtime: pid {Pid} took over the listeners of pid {OldPid} (planned restart)")]
    private partial void LogHandedOver(int pid, int oldPid);

    [LoggerMessage(Level = LogLevel.Information, Message = "edge upgraded: pid {Pid} of this build took over the listeners of pid {OldPid}, which ran another build")]
    internal static partial void LogUpgraded(ILogger logger, int pid, int oldPid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the edge (pid {Pid}) runs another build and could not be upgraded ({Reason}); adopted as it is")]
    internal static partial void LogUpgradeFailed(ILogger logger, int pid, string reason);
}
