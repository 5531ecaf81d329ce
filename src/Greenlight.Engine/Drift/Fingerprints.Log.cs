using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Drift;

internal static partial class Fingerprints
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "the fingerprint of revision {Revision} was not recorded ({Reason}): drift cannot check its files")]
    private static partial void LogNotRecorded(ILogger logger, string revision, string reason);
}
