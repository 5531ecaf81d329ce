using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Drift;

internal sealed partial class DriftMonitor
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "drift in {App}: {Finding}")]
    private static partial void LogFound(ILogger logger, string app, string finding);

    [LoggerMessage(Level = LogLevel.Information, Message = "drift over in {App}: {Subject} ({How})")]
    private static partial void LogOver(ILogger logger, string app, string subject, string how);

    [LoggerMessage(Level = LogLevel.Warning, Message = "drift check of {App} failed: {Reason}; the next one tries again")]
    private static partial void LogCheckFailed(ILogger logger, string app, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App}: {Reason}; the edge keeps serving the certificate it has")]
    private static partial void LogTlsSecretsUnreadable(ILogger logger, string app, string reason);
}
