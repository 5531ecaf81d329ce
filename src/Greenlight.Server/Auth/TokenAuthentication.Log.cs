using Microsoft.Extensions.Logging;

namespace Greenlight.Server.Auth;

internal sealed partial class TokenAuthentication
{
    /// <param name="reason">Names the token by its id, never its value.</param>
    [LoggerMessage(Level = LogLevel.Warning, Message = "refused a token from {Address}: {Reason}")]
    private partial void LogRefused(string address, string reason);
}
