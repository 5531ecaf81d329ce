using Greenlight.Core.Manifest;
using Greenlight.Core.Traffic;
using Greenlight.Providers.Traffic.Haproxy;

namespace Greenlight.Providers.Traffic;

/// <summary>The traffic routers by the name an app's <c>edge.router</c> gives: one line per router.</summary>
public static class TrafficRouters
{
    private static ITrafficRouter Create(string name, ITrafficRouter edge, string stateDirectory, TimeProvider time) => name switch
    {
        EdgeSpec.EdgeRouter => edge,
        EdgeSpec.HaproxyRouter => new HaproxyTrafficRouter(stateDirectory, time),
        _ => throw new ArgumentException($"edge.router: unknown traffic router '{name}' (expected {EdgeSpec.EdgeRouter} or {EdgeSpec.HaproxyRouter})"),
    };

    /// <summary>The router each app picked; <paramref name="edge"/> itself when every app keeps the embedded edge.</summary>
    public static ITrafficRouter ForApps(IEnumerable<AppManifest> apps, ITrafficRouter edge, string stateDirectory, TimeProvider time)
    {
        var chosen = apps.Where(a => a.Edge.Router != EdgeSpec.EdgeRouter)
            .ToDictionary(a => a.App, a => Create(a.Edge.Router, edge, stateDirectory, time), StringComparer.Ordinal);
        return chosen.Count == 0 ? edge : new PerAppRouter(chosen, edge);
    }

    /// <summary>Hands each call to the router of the app it names.</summary>
    private sealed class PerAppRouter(IReadOnlyDictionary<string, ITrafficRouter> routers, ITrafficRouter fallback) : ITrafficRouter
    {
        public string Name => "per-app";

        private ITrafficRouter For(string app) => routers.GetValueOrDefault(app) ?? fallback;

        public Task ApplyAsync(AppRoute route, CancellationToken cancellationToken) => For(route.App).ApplyAsync(route, cancellationToken);

        public Task<AppRoute?> GetAsync(string app, CancellationToken cancellationToken) => For(app).GetAsync(app, cancellationToken);

        public Task<bool> RemoveAsync(string app, CancellationToken cancellationToken) => For(app).RemoveAsync(app, cancellationToken);

        public Task<IReadOnlyDictionary<string, RevisionTraffic>> GetTrafficAsync(string app, CancellationToken cancellationToken) =>
            For(app).GetTrafficAsync(app, cancellationToken);
    }
}
