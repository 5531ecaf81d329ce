using Greenlight.Core.Traffic;

namespace Greenlight.Cli.Commands;

/// <summary>
/// The router of a region whose edge `up` did not start (the region was added to the manifest while it ran): its first
/// call starts the edge, every call then goes to it. A start that failed is tried again by the next call, so that a
/// later release into the region can still succeed.
/// </summary>
internal sealed class LateRegionRouter(Func<Task<ITrafficRouter>> start) : ITrafficRouter
{
    private readonly Lock _lock = new();
    private Task<ITrafficRouter>? _edge;

    public string Name => "edge";

    public async Task ApplyAsync(AppRoute route, CancellationToken cancellationToken) => await (await EdgeAsync(cancellationToken)).ApplyAsync(route, cancellationToken);

    public async Task<AppRoute?> GetAsync(string app, CancellationToken cancellationToken) => await (await EdgeAsync(cancellationToken)).GetAsync(app, cancellationToken);

    public async Task<bool> RemoveAsync(string app, CancellationToken cancellationToken) => await (await EdgeAsync(cancellationToken)).RemoveAsync(app, cancellationToken);

    public async Task<IReadOnlyDictionary<string, RevisionTraffic>> GetTrafficAsync(string app, CancellationToken cancellationToken) =>
        await (await EdgeAsync(cancellationToken)).GetTrafficAsync(app, cancellationToken);

    private Task<ITrafficRouter> EdgeAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_edge is null || _edge.IsFaulted || _edge.IsCanceled)
                _edge = start();
            return _edge.WaitAsync(cancellationToken);
        }
    }
}
