using Greenlight.Core.Access;
using Greenlight.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Greenlight.Server.Hosting.Failover;

internal static class LeaderEndpoints
{
    /// <summary><c>GET /v1/leader</c>: this controller's role and, in a failover group, who leads.</summary>
    public static void MapLeaderApi(this RouteGroupBuilder v1, FailoverRole? role, Func<Uri> self) =>
        v1.MapGet("/leader", async (CancellationToken ct) =>
        {
            if (role is null)
                return new LeaderReport("single", self().ToString(), null);
            var leader = await role.Lease.GetHolderAsync(ct);
            return new LeaderReport(role.Leads && role.Leadership.Holds ? "leader" : "follower", role.Leadership.Holder,
                leader is null ? null : new LeaderView(leader.Holder, leader.Address.ToString(), leader.Token, leader.ExpiresAt));
        }).Requires(Permission.Read, AccessScope.Anywhere);

    /// <param name="Role"><c>single</c> (no failover group), <c>leader</c> or <c>follower</c>.</param>
    private sealed record LeaderReport(string Role, string Holder, LeaderView? Leader);

    private sealed record LeaderView(string Holder, string Address, long Token, DateTimeOffset ExpiresAt);
}
