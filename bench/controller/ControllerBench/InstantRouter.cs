using System.Collections.Concurrent;
using Greenlight.Core.Traffic;

namespace ControllerBench;

/// <summary>
/// The bench's traffic router: a route is applied the moment it is set, in memory. Its per-revision counters are the
/// analysis metrics (the <c>edge</c> metric provider reads them): each read adds <see cref="RequestsPerRead"/> healthy
/// requests per 100% of weight, so a canary passes its analysis in a few looks, as a sound release would.
/// </summary>
internal sealed class InstantRouter : ITrafficRouter
{
    public const int RequestsPerRead = 2000;

    private readonly ConcurrentDictionary<string, AppRoute> _routes = new();
    private readonly ConcurrentDictionary<(string App, string Revision), long> _requests = new();

    public string Name => "instant";

    public Task ApplyAsync(AppRoute route, CancellationToken cancellationToken)
    {
        _routes[route.App] = route;
        return Task.CompletedTask;
    }

    public Task<AppRoute?> GetAsync(string app, CancellationToken cancellationToken) => Task.FromResult(_routes.GetValueOrDefault(app));

    public Task<bool> RemoveAsync(string app, CancellationToken cancellationToken) => Task.FromResult(_routes.TryRemove(app, out _));

    public Task<IReadOnlyDictionary<string, RevisionTraffic>> GetTrafficAsync(string app, CancellationToken cancellationToken)
    {
        var traffic = new Dictionary<string, RevisionTraffic>();
        foreach (var backend in _routes.TryGetValue(app, out var route) ? route.Backends : [])
        {
            var requests = _requests.AddOrUpdate((app, backend.Revision), _ => 0, (_, n) => n + RequestsPerRead * backend.Weight / 100);
            traffic[backend.Revision] = new RevisionTraffic(requests, ServerErrors: 0, TransportErrors: 0, InFlight: 0);
        }
        return Task.FromResult<IReadOnlyDictionary<string, RevisionTraffic>>(traffic);
    }
}
