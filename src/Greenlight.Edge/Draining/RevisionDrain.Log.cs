using Microsoft.Extensions.Logging;

namespace Greenlight.Edge.Draining;

internal sealed partial class RevisionDrain
{
    [LoggerMessage(1, LogLevel.Warning,
        "{App}: revision {Revision} left the route {Seconds} s ago (its drain timeout); ended the {Count} request(s) and connection(s) still open on it")]
    private partial void LogEnded(string app, string revision, double seconds, int count);
}
