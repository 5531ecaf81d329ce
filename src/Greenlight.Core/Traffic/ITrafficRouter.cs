namespace Greenlight.Core.Traffic;

/// <summary>Sets how an app's public traffic splits across revisions. Keyed by <see cref="Name"/>.</summary>
public interface ITrafficRouter
{
    string Name { get; }

    /// <summary>Replaces the app's whole route in one atomic swap; applies to the very next request.</summary>
    Task ApplyAsync(AppRoute route, CancellationToken cancellationToken);

    Task<AppRoute?> GetAsync(string app, CancellationToken cancellationToken);

    /// <summary>Per-revision traffic counters for the app (revision name -> counters).</summary>
    Task<IReadOnlyDictionary<string, RevisionTraffic>> GetTrafficAsync(string app, CancellationToken cancellationToken);
}

/// <summary><paramref name="Listen"/> is the public <c>host:port</c> of the app on the edge.</summary>
public sealed record AppRoute(string App, string Listen, IReadOnlyList<RouteBackend> Backends);

/// <summary>A revision behind the route. Weight 0 keeps it known (draining, metrics) but sends it nothing new.</summary>
public sealed record RouteBackend(string Revision, Uri Address, int Weight);

/// <summary>Counters of one revision since the edge first routed to it; <paramref name="Latency"/> when the router measures it.</summary>
public sealed record RevisionTraffic(long Requests, long ServerErrors, long TransportErrors, int InFlight, Analysis.LatencyHistogram? Latency = null);
