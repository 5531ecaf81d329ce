using System.Text;
using Greenlight.Core.Traffic;

namespace Greenlight.Edge.Routing;

/// <summary>
/// One immutable version of an app's route. A change builds a new table and swaps it in whole, so a
/// request sees either the old or the new split, never a mix, and the SWRR sequence restarts cleanly.
/// </summary>
internal sealed class RouteTable
{
    private readonly Backend[] _backends;
    private readonly SmoothWeightedRoundRobin _picker;

    public RouteTable(AppRoute route, Func<string, Metrics.RevisionMetrics> metricsFor)
    {
        Route = route;
        _backends = [.. route.Backends.Select(b => new Backend(b.Revision, b.Address, b.Weight, metricsFor(b.Revision)))];
        _picker = new SmoothWeightedRoundRobin([.. route.Backends.Select(b => b.Weight)]);
        Refusal = _picker.IsEmpty
            ? Encoding.UTF8.GetBytes($"greenlight edge: app '{route.App}' has no revision with a positive weight\n")
            : [];
    }

    public AppRoute Route { get; }

    public IReadOnlyList<Backend> Backends => _backends;

    /// <summary>The 503 body sent when no backend has a positive weight, encoded once.</summary>
    public ReadOnlyMemory<byte> Refusal { get; }

    /// <summary>The backend for the next request, or null when nothing has a positive weight.</summary>
    public Backend? Pick()
    {
        var index = _picker.Next();
        return index < 0 ? null : _backends[index];
    }
}
