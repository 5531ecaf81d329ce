using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Watch;

internal sealed partial class RevisionWatcher
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "revision {Version} (pid {Pid}) died: {Reason}")]
    private static partial void LogDied(ILogger logger, string version, int pid, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "dead revisions left the route: {Versions}")]
    private static partial void LogLeftRoute(ILogger logger, string versions);

    [LoggerMessage(Level = LogLevel.Debug, Message = "revision watch: {Reason}; looking again")]
    private static partial void LogLookFailed(ILogger logger, string reason);
}
