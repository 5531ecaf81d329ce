using Greenlight.Core.Traffic;
using Greenlight.Engine.Control;
using Greenlight.Engine.Delivery;
using Greenlight.Engine.State;

namespace Greenlight.Server.Hosting.Failover;

/// <summary>A controller's place in a failover group sharing one store: the leader drives releases through a fenced
/// target and router; a follower's lanes are passive and its API refuses changes with the leader's address.</summary>
public sealed record FailoverRole(IControllerLease Lease, Leadership Leadership, bool Leads)
{
    /// <summary>The header naming the leader's API in a follower's refusal, for clients to send the call there.</summary>
    public const string LeaderHeader = "Greenlight-Leader";

    public ControllerOptions Apply(ControllerOptions options) => Leads
        ? options with { Target = new FencedTarget(options.Target, Leadership), Router = Fence(options.Router) }
        : options with { Passive = true, Router = FollowerRouter.Instance };

    public RegionRouters? Apply(RegionRouters? regions) => Leads
        ? regions is null ? null : (environment, region) => Fence(regions(environment, region))
        : (_, _) => FollowerRouter.Instance;

    private FencedRouter Fence(ITrafficRouter router) => new(router, Leadership);
}
