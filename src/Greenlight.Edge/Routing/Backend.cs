using Greenlight.Edge.Metrics;

namespace Greenlight.Edge.Routing;

/// <summary>A revision as one route table sees it: where to forward and which counters to bump.</summary>
internal sealed class Backend(string revision, IReadOnlyList<Uri> addresses, int weight, RevisionMetrics metrics, string? stickyCookie)
{
    // YARP's destination prefixes, one per instance; the request path and query are appended to the one picked.
    private readonly string[] _prefixes = [.. addresses.Select(a => a.AbsoluteUri)];
    private uint _turn;

    public string Revision { get; } = revision;

    public int Weight { get; } = weight;

    public RevisionMetrics Metrics { get; } = metrics;

    /// <summary>On a sticky route, the Set-Cookie value that pins a user here, built once per table rather than per answer.</summary>
    public string? StickyCookie { get; } = stickyCookie;

    /// <summary>The instance for the next request: each in turn. A revision of one instance costs no shared write.</summary>
    public string NextPrefix() =>
        _prefixes.Length == 1 ? _prefixes[0] : _prefixes[(int)(Interlocked.Increment(ref _turn) % (uint)_prefixes.Length)];
}
