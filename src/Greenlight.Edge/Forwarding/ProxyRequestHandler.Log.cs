using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Greenlight.Edge.Forwarding;

internal sealed partial class ProxyRequestHandler
{
    [LoggerMessage(1, LogLevel.Warning, "{App}: revision {Revision} at {Address} failed: {Error} {Reason}")]
    private partial void LogTransportError(string app, string revision, string address, ForwarderError? error, string? reason);

    [LoggerMessage(2, LogLevel.Warning, "{App}: edge.idleTimeout ({IdleTimeout}) ended a request to revision {Revision} at {Address}: no data came for that long (status {Status})")]
    private partial void LogIdleTimeout(string app, string idleTimeout, string revision, string address, int status);
}
