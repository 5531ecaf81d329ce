using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Watch;

internal sealed partial class RevisionWatcher
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "revision {Revision} (pid {Pid}) died: {Reason}")]
    private static partial void LogDied(ILogger logger, string revision, int pid, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "dead revisions left the route: {Versions}")]
    private static partial void LogLeftRoute(ILogger logger, string versions);

    [LoggerMessage(Level = LogLevel.Debug, Message = "revision watch: {Reason}; looking again")]
    private static partial void LogLookFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "instance {Instance} died while others of its revision serve: {Reason}; starting it again")]
    private static partial void LogInstanceDied(ILogger logger, string instance, string reason);
}

internal sealed partial class InstanceRestarts
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "instance {Instance} could not be started again: {Reason}")]
    private static partial void LogRestartFailed(ILogger logger, string instance, string reason);
}
