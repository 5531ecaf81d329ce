using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Greenlight.Edge.Forwarding;

internal sealed partial class ProxyRequestHandler
{
    [LoggerMessage(1, LogLevel.Warning, "{App}: revision {Revision} at {Address} failed: {Error} {Reason}")]
    private partial void LogTransportError(string app, string revision, string address, ForwarderError? error, string? reason);

    [LoggerMessage(2, LogLevel.Information, "{App}: an upgraded connection to revision {Revision} was idle for {Seconds} s (the activity timeout) and was ended")]
    private partial void LogIdleUpgrade(string app, string revision, double seconds);
}
