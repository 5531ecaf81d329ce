using Greenlight.Edge;
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
        var how = $"{(adopted ? "adopted" : "started")} at {edge.StartedAt.ToLocalTime():HH:mm:ss.fff}";
        if (adopted && edge.Connection.Build != EdgeServer.Build)
            (edge, how) = await UpgradeAsync(launcher, edge, logs.CreateLogger<EdgeWatch>(), ct);
        return new EdgeWatch(edge, adopted, how, launcher, time, logs);
    }

    /// <summary><c>greenlight edge restart</c>: the edge serving <paramref name="stateDirectory"/> hands over to a new edge process of
    /// this build (see <see cref="EdgeLauncher.HandOverAsync"/>). Returns the old pid and the new edge once it serves; throws
    /// <see cref="InvalidOperationException"/> when none runs or the new one cannot take over (the old one serves on).</summary>
    public static async Task<(int OldPid, RunningEdge Edge)> RestartAsync(string stateDirectory, IReadOnlyList<string> edgeCommand, TimeProvider time, CancellationToken ct)
    {
        var launcher = new EdgeLauncher(stateDirectory, edgeCommand, time);
        var running = launcher.Running() ?? throw new InvalidOperationException(
            $"no edge is running for {stateDirectory} (`greenlight up` starts one)");
        return (running.Pid, await launcher.HandOverAsync(ct));
    }

    /// <summary>A running edge of another build (an older or newer greenlight) hands over to one of this build, as
    /// <c>greenlight edge restart</c> does; if it cannot, it serves on and the controller adopts it.</summary>
    private static async Task<(RunningEdge Edge, string How)> UpgradeAsync(EdgeLauncher launcher, RunningEdge running, ILogger logger, CancellationToken ct)
    {
        var pid = running.Connection.Pid;
        try
        {
            var next = await launcher.HandOverAsync(ct);
            EdgeWatch.LogUpgraded(logger, next.Connection.Pid, pid);
            return (next, $"upgraded at {next.StartedAt.ToLocalTime():HH:mm:ss.fff}: pid {pid} ran another build and handed its listeners over to pid {next.Connection.Pid}");
        }
        catch (InvalidOperationException e)
        {
            EdgeWatch.LogUpgradeFailed(logger, pid, e.Message);
            return (running, $"adopted pid {pid}, of another build: the upgrade failed ({e.Message}); it serves on");
        }
    }
}
