using Greenlight.Core.Drift;
using Greenlight.Engine.Rollouts;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Drift;

/// <summary>Puts back the route the controller last set, when that is safe: no release is moving traffic, and every
/// revision of that route still runs (a route to a dead one would fail requests that the changed route may serve).</summary>
internal static class RouteRepair
{
    public static async Task<DriftFinding> PutBackAsync(ReleaseContext ctx, DriftFinding finding, bool releaseInProgress, CancellationToken ct)
    {
        if (releaseInProgress)
            return finding with { Repair = "not put back: the release in progress sets the route" };
        await ctx.RouteLock.WaitAsync(ct);
        try
        {
            if (await ctx.Store.GetRouteSetAsync(ctx.App, ct) is not { } set)
                return finding;
            if (await ctx.Router.GetAsync(ctx.App, ct) is { } now && RouteText.Digest(now) == set.Digest)
                return finding with { Repair = "changed back meanwhile", Healed = true };
            foreach (var backend in set.Route.Backends)
                if (await ctx.RunningAsync(backend.Revision, ct) is null)
                    return finding with { Repair = $"not put back: revision {backend.Revision} of that route is not running" };
            await ctx.Router.ApplyAsync(set.Route, ct);
            return finding with { Repair = $"route put back (reconcile: auto) at {ctx.Time.GetUtcNow():u}", Healed = true };
        }
        catch (HttpRequestException e)
        {
            return finding with { Repair = $"not put back: the edge did not answer ({e.Message})" };
        }
        finally
        {
            ctx.RouteLock.Release();
        }
    }
}
