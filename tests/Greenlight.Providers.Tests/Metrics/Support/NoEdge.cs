using Greenlight.Core.Traffic;
using Greenlight.Providers.Traffic.Edge;

namespace Greenlight.Providers.Tests.Metrics.Support;

internal static class NoEdge
{
    /// <summary>An edge router pointing at a closed port: for providers that never ask it, and for an edge that is down.</summary>
    public static ITrafficRouter Router { get; } =
        new EdgeConnection(new Uri("http://127.0.0.1:1/"), "token", Environment.ProcessId).CreateRouter();
}
