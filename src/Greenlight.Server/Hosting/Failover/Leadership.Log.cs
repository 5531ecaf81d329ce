using Microsoft.Extensions.Logging;

namespace Greenlight.Server.Hosting.Failover;

public sealed partial class Leadership
{
    [LoggerMessage(Level = LogLevel.Information, Message = "took the leadership lease (fencing token {Token}): this controller now leads")]
    private partial void LogAcquired(long token);

    [LoggerMessage(Level = LogLevel.Information, Message = "following: the leader is {Leader} at {Address}")]
    private partial void LogFollowing(string? leader, Uri? address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "lost the leadership lease (fencing token {Token}): stepping down to follower")]
    private partial void LogLost(long token);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the state store did not answer about the lease: {Problem}")]
    private partial void LogStoreProblem(string problem);
}
