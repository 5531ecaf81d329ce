using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Control;

public sealed partial class ReleaseController
{
    [LoggerMessage(Level = LogLevel.Error, Message = "rollout {Id} stopped on an unexpected error; it resumes when the controller restarts")]
    private static partial void LogDriverCrashed(ILogger logger, Exception exception, string id);
}
