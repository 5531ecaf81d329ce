using Greenlight.Core.Traffic;

namespace Greenlight.Server.Hosting.Failover;

/// <summary>The leader's traffic router: changes no route once the lease is lost (a stale leader must not set back the
/// weights the new leader set); reads go through.</summary>
internal sealed class FencedRouter(ITrafficRouter inner, Leadership leadership) : ITrafficRouter
{
    public string Name => inner.Name;

    public Task ApplyAsync(AppRoute route, CancellationToken cancellationToken)
    {
        leadership.EnsureHolds($"route change of {route.App}");
        return inner.ApplyAsync(route, cancellationToken);
    }

    public Task<AppRoute?> GetAsync(string app, CancellationToken cancellationToken) => inner.GetAsync(app, cancellationToken);

    public Task<bool> RemoveAsync(string app, CancellationToken cancellationToken)
    {
        leadership.EnsureHolds($"route removal of {app}");
        return inner.RemoveAsync(app, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, RevisionTraffic>> GetTrafficAsync(string app, CancellationToken cancellationToken) =>
        inner.GetTrafficAsync(app, cancellationToken);
}
