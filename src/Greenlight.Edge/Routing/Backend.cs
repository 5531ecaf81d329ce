using Greenlight.Edge.Metrics;

namespace Greenlight.Edge.Routing;

/// <summary>A revision as one route table sees it: where to forward and which counters to bump.</summary>
internal sealed class Backend(string revision, Uri address, int weight, RevisionMetrics metrics, string? stickyCookie)
{
    public string Revision { get; } = revision;

    /// <summary>YARP's destination prefix; the request path and query are appended to it.</summary>
    public string Prefix { get; } = address.AbsoluteUri;

    public int Weight { get; } = weight;

    public RevisionMetrics Metrics { get; } = metrics;

    /// <summary>On a sticky route, the Set-Cookie value that pins a user here, built once per table rather than per answer.</summary>
    public string? StickyCookie { get; } = stickyCookie;
}
