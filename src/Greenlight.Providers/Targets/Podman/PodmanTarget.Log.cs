using Microsoft.Extensions.Logging;

namespace Greenlight.Providers.Targets.Podman;

internal sealed partial class PodmanTarget
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {App} {Version}: image {Image}, container {Container}, pid {Pid}, port {Port}")]
    private partial void LogStarting(string app, string version, string image, string container, int pid, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "{App} {Version} (pid {Pid}) is healthy after {ElapsedMs:0} ms")]
    private partial void LogHealthy(string app, string version, int pid, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App} {Version} (pid {Pid}) failed to start: {Reason}")]
    private partial void LogStartFailed(string app, string version, int pid, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping {App} {Version} (container {Container}): grace {GraceMs:0} ms, then kill")]
    private partial void LogStopping(string app, string version, string container, double graceMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{App} {Version} (container {Container}) stopped and removed")]
    private partial void LogStopped(string app, string version, string container);
}
