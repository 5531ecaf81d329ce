using Greenlight.Core.Traffic;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Drift;

/// <summary>The controller's router: each route it sets is recorded once the edge took it, for drift to compare the
/// edge's route with.</summary>
internal sealed class RouteRecorder(ITrafficRouter inner, IStateStore store, TimeProvider time) : ITrafficRouter
{
    public string Name => inner.Name;

    public async Task ApplyAsync(AppRoute route, CancellationToken cancellationToken)
    {
        await inner.ApplyAsync(route, cancellationToken);
        // The edge has it now: a cancellation must not leave the record behind the edge.
        await store.SaveRouteSetAsync(route, time.GetUtcNow(), CancellationToken.None);
    }

    /// <summary>A route taken away on purpose is not drift: its record goes with it.</summary>
    public async Task<bool> RemoveAsync(string app, CancellationToken cancellationToken)
    {
        var removed = await inner.RemoveAsync(app, cancellationToken);
        await store.ForgetRouteSetAsync(app, CancellationToken.None);
        return removed;
    }

    public Task<AppRoute?> GetAsync(string app, CancellationToken cancellationToken) => inner.GetAsync(app, cancellationToken);

    public Task<IReadOnlyDictionary<string, RevisionTraffic>> GetTrafficAsync(string app, CancellationToken cancellationToken) =>
        inner.GetTrafficAsync(app, cancellationToken);
}
