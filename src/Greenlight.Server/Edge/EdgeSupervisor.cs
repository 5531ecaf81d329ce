using Greenlight.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Greenlight.Server.Edge;

/// <summary>
/// The edge runs as its own process so that a controller crash drops no request. A controller adopts
/// the edge already running for its state directory, or starts one detached that outlives the controller,
/// and then watches it (<see cref="EdgeWatch"/>) for as long as it runs.
/// </summary>
public static class EdgeSupervisor
{
    public static string StateDirectoryOf(ControllerFiles files) => Path.Combine(files.EdgeRoot, "edge");

    /// <summary>The edge of one region of an app with environments: each region runs its own edge process.</summary>
    public static string StateDirectoryOf(ControllerFiles files, string environment, string region) =>
        Path.Combine(files.EdgeRoot, "edges", $"{environment}.{region}");

    /// <summary>The edge of apps without environments, then every region's edge there has been.</summary>
    public static IEnumerable<string> AllStateDirectoriesOf(ControllerFiles files)
    {
        var regions = Path.Combine(files.EdgeRoot, "edges");
        return [StateDirectoryOf(files), .. Directory.Exists(regions) ? Directory.GetDirectories(regions).Order(StringComparer.Ordinal) : Enumerable.Empty<string>()];
    }

    /// <summary>Adopts the edge running for <paramref name="stateDirectory"/> or starts one, then watches it
    /// until the returned <see cref="EdgeWatch"/> is disposed.</summary>
    /// <param name="edgeCommand">How to run <c>greenlight</c> itself (the program and, under dotnet, the assembly).</param>
    /// <param name="adminListen">The admin API (and /metrics) of every edge started, e.g. <c>127.0.0.1:9464</c> for a
    /// scrape target that stays put; null: a free port each time. An edge adopted keeps the address it has.</param>
    public static async Task<EdgeWatch> SuperviseAsync(string stateDirectory, IReadOnlyList<string> edgeCommand,
        TimeProvider time, ILoggerFactory logs, CancellationToken ct, string? adminListen = null)
    {
        var launcher = new EdgeLauncher(stateDirectory, edgeCommand, time, adminListen);
        var (edge, adopted) = await launcher.EnsureRunningAsync(ct);
        return new EdgeWatch(edge, adopted, launcher, time, logs);
    }
}
