using Microsoft.Extensions.Logging;

namespace Greenlight.Providers.Targets.Process;

internal sealed partial class LocalProcessTarget
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {App} {Version}: pid {Pid}, port {Port}, log {LogFile}")]
    private partial void LogStarting(string app, string version, int pid, int port, string logFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "{App} {Version} (pid {Pid}) is healthy after {ElapsedMs:0} ms")]
    private partial void LogHealthy(string app, string version, int pid, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App} {Version} (pid {Pid}) failed to start: {Reason}")]
    private partial void LogStartFailed(string app, string version, int pid, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping {App} {Version} (pid {Pid}): SIGTERM, grace {GraceMs:0} ms")]
    private partial void LogStopping(string app, string version, int pid, double graceMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App} {Version} (pid {Pid}) still runs {GraceMs:0} ms after SIGTERM: SIGKILL")]
    private partial void LogKilling(string app, string version, int pid, double graceMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App} {Version} (pid {Pid}) of launch {LaunchId} runs unrecorded (its controller died before recording it): stopping it")]
    private partial void LogStray(string app, string version, int pid, string launchId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{App} {Version} (pid {Pid}) stopped")]
    private partial void LogStopped(string app, string version, int pid);
}
