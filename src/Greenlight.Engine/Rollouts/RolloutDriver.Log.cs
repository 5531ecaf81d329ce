using Greenlight.Core.Rollouts;
using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Rollouts;

internal sealed partial class RolloutDriver
{
    [LoggerMessage(Level = LogLevel.Information, Message = "rollout {Id} of {Version}: {Phase}")]
    private static partial void LogTransition(ILogger logger, string id, string version, RolloutPhase phase);
}
