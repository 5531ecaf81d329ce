using Greenlight.Edge.Routing;

namespace Greenlight.Edge.Draining;

/// <summary>Starts the drain clock of the revisions a new table leaves out, and stops it for those it holds.</summary>
internal static class RouteDrains
{
    public static void Follow(RouteTable previous, RouteTable next)
    {
        foreach (var backend in next.Backends) backend.Metrics.Drain.Stop();
        var timeout = next.Route.DrainTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        foreach (var backend in previous.Backends)
        {
            if (!next.Backends.Any(b => b.Revision == backend.Revision)) backend.Metrics.Drain.Start(timeout);
        }
    }
}
