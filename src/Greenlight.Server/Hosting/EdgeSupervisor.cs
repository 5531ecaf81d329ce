using Greenlight.Core.Secrets;
using Greenlight.Providers.Targets.Process;
using Greenlight.Providers.Traffic.Edge;

namespace Greenlight.Server.Hosting;

/// <summary>
/// The edge runs as its own process so that a controller crash drops no request. A controller adopts
/// the edge already running for its state directory, or starts one detached (its own session, output
/// to <c>edge.log</c>) that outlives the controller.
/// </summary>
public static class EdgeSupervisor
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The runtime settings bench/edge/run measures the edge with: socket completions inline on the I/O
    /// threads (the largest win for a proxy), server GC without background collections, dynamic PGO.</summary>
    private static readonly Dictionary<string, string> Tuning = new()
    {
        ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1",
        ["DOTNET_gcServer"] = "1",
        ["DOTNET_gcConcurrent"] = "0",
        ["DOTNET_TieredPGO"] = "1",
    };

    public static string StateDirectoryOf(ControllerFiles files) => Path.Combine(files.StateDirectory, "edge");

    /// <param name="edgeCommand">How to run <c>greenlight</c> itself (the program and, under dotnet, the assembly).</param>
    public static async Task<(EdgeConnection Connection, bool Adopted)> EnsureRunningAsync(
        string stateDirectory, IReadOnlyList<string> edgeCommand, TimeProvider time, CancellationToken ct)
    {
        if (EdgeConnection.TryRead(stateDirectory) is { } running && await running.IsReachableAsync(ct))
            return (running, true);
        OwnerOnly.CreateDirectory(stateDirectory);
        var log = Path.Combine(stateDirectory, "edge.log");
        var mark = LogTail.Mark(log);
        using var process = DetachedProcess.Start(edgeCommand[0], [.. edgeCommand.Skip(1), "edge", "--state-dir", stateDirectory],
            stateDirectory, Tuning, log);
        var deadline = time.GetUtcNow() + StartTimeout;
        while (time.GetUtcNow() < deadline)
        {
            if (EdgeConnection.TryRead(stateDirectory) is { } started && started.Pid == process.Id && await started.IsReachableAsync(ct))
                return (started, false);
            if (process.HasExited)
                throw new InvalidOperationException($"the edge exited with code {process.ExitCode}: {LogTail.Read(log, mark, 20)}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, ct);
        }
        throw new InvalidOperationException($"the edge did not start within {StartTimeout.TotalSeconds:0}s; see {log}");
    }
}
