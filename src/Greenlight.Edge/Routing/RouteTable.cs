using System.Text;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Routing.Rules;
using Greenlight.Edge.Tls;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Edge.Routing;

/// <summary>
/// One immutable version of an app's route: weights, match rules and sticky sessions. A change builds a
/// new table and swaps it in whole, so a request sees either the old or the new route, never a mix, and
/// the SWRR sequence restarts cleanly.
/// </summary>
internal sealed class RouteTable
{
    private readonly Backend[] _backends;
    private readonly SmoothWeightedRoundRobin _picker;
    private readonly RequestRules? _rules;

    public RouteTable(AppRoute route, Func<string, Metrics.RevisionMetrics> metricsFor, ListenerTls? tls = null)
    {
        Route = route;
        Tls = tls;
        Upstream = Forwarding.ForwardingClient.For(route);
        _backends = [.. route.Backends.Select(b => new Backend(b.Revision, b.Addresses, b.Weight, metricsFor(b.Revision),
            route.Sticky is { } sticky ? StickyRule.CookieFor(sticky, b.Revision, secure: tls is not null) : null))];
        _picker = new SmoothWeightedRoundRobin([.. route.Backends.Select(b => b.Weight)]);
        _rules = RequestRules.For(route, _backends);
        Refusal = _picker.IsEmpty
            ? Encoding.UTF8.GetBytes($"greenlight edge: app '{route.App}' has no revision with a positive weight\n")
            : [];
    }

    public AppRoute Route { get; }

    /// <summary>The route's certificates, loaded when the table was built; null on plain HTTP.</summary>
    public ListenerTls? Tls { get; }

    /// <summary>What YARP is told for this route's requests and streams, built once here rather than per request.</summary>
    public Forwarding.UpstreamConfigs Upstream { get; }

    public IReadOnlyList<Backend> Backends => _backends;

    /// <summary>The 503 body sent when no backend has a positive weight, encoded once.</summary>
    public ReadOnlyMemory<byte> Refusal { get; }

    /// <summary>Where <paramref name="request"/> goes. Without match rules or stickiness this is only <see cref="Pick"/>.</summary>
    public Selection Select(HttpRequest request) => _rules is null ? new Selection(Pick(), null) : _rules.Select(request, this);

    /// <summary>The weighted pick for the next request, or null when nothing has a positive weight.</summary>
    public Backend? Pick()
    {
        var index = _picker.Next();
        return index < 0 ? null : _backends[index];
    }
}
