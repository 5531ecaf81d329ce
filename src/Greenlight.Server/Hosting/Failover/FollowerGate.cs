using Greenlight.Engine.State;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Server.Hosting.Failover;

/// <summary>
/// A follower's API: it answers what it can read from the shared store (releases, rollouts, their events, audit,
/// pipelines, users) and refuses, with the leader's address, every change and every read that needs the running
/// engine (status, drift, the live stream). Runs after authentication: a caller without a token learns nothing.
/// </summary>
internal sealed class FollowerGate(RequestDelegate next, IControllerLease lease)
{
    private static readonly string[] LiveReads = ["/v1/status", "/v1/drift", "/v1/stream"];

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var live = LiveReads.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !live)
        {
            await next(http);
            return;
        }
        var leader = await lease.GetHolderAsync(http.RequestAborted);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "1";
        if (leader is not null)
            http.Response.Headers[FailoverRole.LeaderHeader] = leader.Address.ToString();
        var what = live ? "reads of the running engine" : "changes";
        var error = leader is null
            ? $"this controller is a follower and no controller leads right now (one takes over within the lease's time to live): {what} are refused; retry shortly"
            : $"this controller is a follower: {what} go to the leader, {leader.Holder} at {leader.Address}";
        await http.Response.WriteAsJsonAsync(new FollowerRefusal(error, leader?.Address.ToString()), http.RequestAborted);
    }

    private sealed record FollowerRefusal(string Error, string? Leader);
}
