using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Notifications;

internal sealed partial class NoticeDispatcher
{
    [LoggerMessage(1, LogLevel.Debug, "Notification {Kind} ({Notice}) sent to channel {Channel} at attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, string kind, string notice, string channel, int attempt);

    [LoggerMessage(2, LogLevel.Information, "Notification {Kind} ({Notice}) attempt {Attempt} failed: {Problem}; retried in {Seconds:0.0}s")]
    private static partial void LogRetry(ILogger logger, string kind, string notice, int attempt, string problem, double seconds);

    [LoggerMessage(3, LogLevel.Warning, "Notification {Kind} ({Notice}) given up after {Attempts} attempt(s): {Problem}")]
    private static partial void LogGaveUp(ILogger logger, string kind, string notice, int attempts, string problem);

    [LoggerMessage(4, LogLevel.Error, "Notifications of {App}: a look at the outbox failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception e, string app);

    [LoggerMessage(5, LogLevel.Error, "Notifications of {App}: delivering to channel {Channel} failed")]
    private static partial void LogDrainFailed(ILogger logger, Exception e, string app, string channel);
}
