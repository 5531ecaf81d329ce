using System.Collections.Concurrent;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Metrics;
using Greenlight.Edge.Tls;

namespace Greenlight.Edge.Routing;

/// <summary>One app on the edge: the current table (read lock-free per request), where it listens and its revisions' counters.</summary>
internal sealed class EdgeApp
{
    private readonly EdgeMetrics _metrics;
    private readonly CertificateLoader _certificates;
    private RouteTable _table;

    public EdgeApp(AppRoute route, ListenerSite site, EdgeMetrics metrics, CertificateLoader certificates)
    {
        Name = route.App;
        Site = site;
        _metrics = metrics;
        _certificates = certificates;
        _table = Build(route, added: null);
    }

    public string Name { get; }

    public RouteTable Table => Volatile.Read(ref _table);

    /// <summary>The address the app listens on, shared with the apps whose hosts differ from its own.</summary>
    public ListenerSite Site { get; set; }

    public ListenAddress Listen => Site.Address;

    /// <summary>Counters by revision, kept across tables so a removed revision still reports while it drains.</summary>
    public ConcurrentDictionary<string, RevisionMetrics> Revisions { get; } = new(StringComparer.Ordinal);

    /// <summary>A table for <paramref name="route"/> sharing this app's counters; lists revisions seen for the first time.
    /// Reads the route's certificates afresh (throws <see cref="TlsCertificateException"/> before touching any counter).</summary>
    public RouteTable Build(AppRoute route, List<string>? added)
    {
        var tls = route.Tls is { } spec ? ListenerTls.Load(spec, _certificates) : null;
        return new(route, revision => Revisions.GetOrAdd(revision, r =>
        {
            added?.Add(r);
            return _metrics.ForRevision(Name, r);
        }), tls);
    }

    /// <summary>Makes <paramref name="table"/> current; the revisions it leaves out start draining.</summary>
    public void Swap(RouteTable table)
    {
        var previous = Interlocked.Exchange(ref _table, table);
        if (!ReferenceEquals(previous, table)) Draining.RouteDrains.Follow(previous, table);
    }

    /// <summary>Drops counters of revisions that never served (a change that failed) or of a deleted app.</summary>
    public void Forget(IEnumerable<string> revisions)
    {
        foreach (var revision in revisions)
        {
            if (Revisions.TryRemove(revision, out var metrics)) metrics.Remove();
        }
    }

    public IReadOnlyDictionary<string, RevisionTraffic> Traffic()
    {
        var traffic = new Dictionary<string, RevisionTraffic>(StringComparer.Ordinal);
        foreach (var backend in Table.Backends) traffic[backend.Revision] = backend.Metrics.Snapshot();
        foreach (var (revision, metrics) in Revisions)
        {
            // A revision out of the route shows while it drains, and afterwards if its drain timeout ended requests.
            if (!traffic.ContainsKey(revision) && (metrics.InFlight > 0 || metrics.Drain.Ended > 0)) traffic[revision] = metrics.Snapshot();
        }

        return traffic;
    }
}
