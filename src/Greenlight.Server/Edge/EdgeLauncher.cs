using Greenlight.Core.Secrets;
using Greenlight.Edge;
using Greenlight.Providers.Targets.Process;
using Greenlight.Providers.Traffic.Edge;
using OsProcess = System.Diagnostics.Process;

namespace Greenlight.Server.Edge;

/// <summary>Starts <c>greenlight edge</c> processes for one state directory (detached: own session, output
/// appended to <c>edge.log</c>) and waits until one serves.</summary>
internal sealed class EdgeLauncher(string stateDirectory, IReadOnlyList<string> edgeCommand, TimeProvider time, string? adminListen = null)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Short: the public listeners are back before admin.json, so this wait only delays the report.</summary>
    private static readonly TimeSpan StartPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>The runtime settings bench/edge/run measures the edge with: socket completions inline on the I/O
    /// threads (the largest win for a proxy), server GC without background collections, dynamic PGO.</summary>
    private static readonly Dictionary<string, string> Tuning = new()
    {
        ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1",
        ["DOTNET_gcServer"] = "1",
        ["DOTNET_gcConcurrent"] = "0",
        ["DOTNET_TieredPGO"] = "1",
        // DATAS off: measured on bench/edge/run, its heap-count retuning cost the edge throughput (bench/edge/README.md).
        ["DOTNET_GCDynamicAdaptationMode"] = "0",
    };

    private string Log => Path.Combine(stateDirectory, "edge.log");

    /// <summary>The tuning, and the build marker when this controller has one set: its edges are of its build.</summary>
    private static Dictionary<string, string> Environment() =>
        System.Environment.GetEnvironmentVariable(EdgeServer.BuildVariable) is { } build
            ? new(Tuning) { [EdgeServer.BuildVariable] = build }
            : Tuning;

    /// <returns>The edge, and whether it was already running (adopted) rather than started.</returns>
    public async Task<(RunningEdge Edge, bool Adopted)> EnsureRunningAsync(CancellationToken ct)
    {
        if (Running() is { } running && await running.IsReachableAsync(ct))
            return (new RunningEdge(running, null, time.GetUtcNow()), true);
        var (process, mark) = Start([]);
        return (await AwaitServingAsync(process, mark, ct), false);
    }

    /// <summary>The edge serving the state directory now, by its admin.json (null: none).</summary>
    public EdgeConnection? Running() => EdgeConnection.TryRead(stateDirectory);

    /// <summary>A planned restart: a new edge of this binary takes over the running edge's listening sockets (no request
    /// lost, same admin address), and the old one drains and exits. Returns once the new edge serves; throws, with the old
    /// one serving on, when it cannot (the reason from the new edge's log).</summary>
    public async Task<RunningEdge> HandOverAsync(CancellationToken ct)
    {
        var (process, mark) = Start(["--take-over"]);
        return await AwaitServingAsync(process, mark, ct);
    }

    /// <summary>The edge that took over from <paramref name="pid"/>, if one did: admin.json names another live pid that answers.</summary>
    public async Task<RunningEdge?> SuccessorOfAsync(int pid, CancellationToken ct) =>
        Running() is { } next && next.Pid != pid && await next.IsReachableAsync(ct) ? new RunningEdge(next, null, time.GetUtcNow()) : null;

    /// <summary>A warm standby for the edge serving now; it ends by itself when this controller does.</summary>
    public (OsProcess Process, long LogMark) StartStandby() =>
        Start(["--standby-for", System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    /// <summary>Waits until <paramref name="process"/> serves the state directory (its admin.json and API);
    /// fails, killing it if it hangs, when it exits or takes longer than the start timeout.</summary>
    public async Task<RunningEdge> AwaitServingAsync(OsProcess process, long logMark, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + StartTimeout;
        try
        {
            while (time.GetUtcNow() < deadline)
            {
                if (EdgeConnection.TryRead(stateDirectory) is { } started && started.Pid == process.Id && await started.IsReachableAsync(ct))
                    return new RunningEdge(started, process, time.GetUtcNow());
                if (process.HasExited)
                    throw new InvalidOperationException($"the edge exited with code {process.ExitCode}: {Why(logMark)}");
                await Task.Delay(StartPoll, time, ct);
            }
            // Hung before serving: left alive it would hold the state directory and refuse every later start.
            process.Kill();
            throw new InvalidOperationException($"the edge did not start within {StartTimeout.TotalSeconds:0}s; see {Log}");
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>The error lines the edge wrote since <paramref name="logMark"/>, else its last lines.</summary>
    private string Why(long logMark)
    {
        var tail = LogTail.Read(Log, logMark, 40).Split('\n');
        var errors = tail.Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).Select(l => l["error: ".Length..]).ToList();
        return string.Join(" / ", errors.Count > 0 ? errors : tail.TakeLast(5));
    }

    private (OsProcess Process, long LogMark) Start(IEnumerable<string> extra)
    {
        OwnerOnly.CreateDirectory(stateDirectory);
        var mark = LogTail.Mark(Log);
        string[] admin = adminListen is null ? [] : ["--admin", adminListen];
        return (DetachedProcess.Start(edgeCommand[0], [.. edgeCommand.Skip(1), "edge", "--state-dir", stateDirectory, .. admin, .. extra],
            stateDirectory, Environment(), Log), mark);
    }
}

/// <summary>An edge and, when this controller started it, its process (which tells how it exited).</summary>
public sealed record RunningEdge(EdgeConnection Connection, OsProcess? Process, DateTimeOffset StartedAt)
{
    public bool IsAlive => Process is { } own ? !own.HasExited : Connection.IsAlive;

    /// <summary>How it ended, for the log and <c>status</c>.</summary>
    public string Death => Process is { HasExited: true } own
        ? own.ExitCode > 128 ? $"was killed by signal {own.ExitCode - 128}" : $"exited with code {own.ExitCode}"
        : "is gone";
}
