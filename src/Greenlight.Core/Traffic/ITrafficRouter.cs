namespace Greenlight.Core.Traffic;

/// <summary>Sets how an app's public traffic splits across revisions. Keyed by <see cref="Name"/>.</summary>
public interface ITrafficRouter
{
    string Name { get; }

    /// <summary>Replaces the app's whole route in one atomic swap; applies to the very next request.</summary>
    Task ApplyAsync(AppRoute route, CancellationToken cancellationToken);

    Task<AppRoute?> GetAsync(string app, CancellationToken cancellationToken);

    /// <summary>Takes the app's route away; returns once the requests already in flight on it have finished.
    /// False when the router had no route for the app.</summary>
    Task<bool> RemoveAsync(string app, CancellationToken cancellationToken);

    /// <summary>Per-revision traffic counters for the app (revision name -> counters).</summary>
    Task<IReadOnlyDictionary<string, RevisionTraffic>> GetTrafficAsync(string app, CancellationToken cancellationToken);
}

/// <summary><paramref name="Listen"/> is the public <c>host:port</c> of the app on the edge.</summary>
/// <param name="Sticky">When set, a user stays on the revision they first landed on.</param>
/// <param name="Matches">Checked before the weights: the first rule a request matches picks its revision.</param>
public sealed record AppRoute(
    string App, string Listen, IReadOnlyList<RouteBackend> Backends, StickyRoute? Sticky = null, IReadOnlyList<MatchRoute>? Matches = null)
{
    /// <summary>When set, the listener speaks HTTPS (HTTP/1.1 and HTTP/2 by ALPN) with these certificates.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public EdgeTls? Tls { get; init; }

    /// <summary>The host names this app answers on its listener (lower case; <c>*.example.com</c> matches one label), so
    /// that several apps can share one listen address. Null: every request on the listener, which is then the app's alone.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Hosts { get; init; }

    /// <summary>"http2": the edge speaks HTTP/2 to the revisions (h2c with prior knowledge to http:// addresses). Null or
    /// "http1": HTTP/1.1.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Upstream { get; init; }

    /// <summary>How long a revision that left the route keeps the requests still open on it (WebSockets, streams) before
    /// the edge ends them. Null: they are never ended by the edge.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? DrainTimeoutSeconds { get; init; }

    /// <summary>How long an ordinary request may go without data before the edge ends it (504 when nothing was answered
    /// yet). Upgraded connections (WebSockets) and gRPC calls are not bound by it. Null: 100 s.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? IdleTimeoutSeconds { get; init; }
}

/// <summary>
/// Keeps each user on one revision while the split changes: by hashing <paramref name="Header"/> (a user id)
/// when the request has it, else by a cookie named <paramref name="Cookie"/> that the edge sets on the first answer.
/// A user whose revision left the route (or dropped to weight 0) is assigned afresh.
/// </summary>
public sealed record StickyRoute(string Cookie, string? Header);

/// <summary>Requests whose header (or cookie) equals <paramref name="Value"/> go to <paramref name="Revision"/> whatever the weights.</summary>
public sealed record MatchRoute(string Revision, string? Header, string? Cookie, string Value);

/// <summary>A revision behind the route. Weight 0 keeps it known (draining, metrics) but sends it nothing new.</summary>
/// <param name="Address">Where the revision answers; its first instance when it runs several.</param>
public sealed record RouteBackend(string Revision, Uri Address, int Weight)
{
    /// <summary>Every address of a revision that runs several instances, <see cref="Address"/> first: the revision's share
    /// of traffic is spread over them in turn. Null for one.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Uri>? Instances { get; init; }

    /// <summary>Where the revision answers: each of its instances.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Uri> Addresses => Instances ?? [Address];

    /// <summary>The backend of a revision answering at <paramref name="addresses"/> (at least one).</summary>
    public static RouteBackend For(string revision, IReadOnlyList<Uri> addresses, int weight) =>
        new(revision, addresses[0], weight) { Instances = addresses.Count > 1 ? addresses : null };
}

/// <summary>Counters of one revision since the edge first routed to it; <paramref name="Latency"/> when the router measures it.</summary>
/// <remarks>A WebSocket or other upgraded connection counts as one request, in flight until it closes; its duration is kept
/// out of <paramref name="Latency"/>.</remarks>
public sealed record RevisionTraffic(long Requests, long ServerErrors, long TransportErrors, int InFlight, Analysis.LatencyHistogram? Latency = null)
{
    /// <summary>Requests the router ended when the revision's drain timed out after it left the route; 0 while it is in it.</summary>
    public long DrainEnded { get; init; }
}
