using System.Diagnostics;
using Greenlight.Providers.Traffic.Edge;

namespace WavesBench;

/// <summary>
/// One region's edge as production runs it: its own <c>greenlight edge</c> process (with the runtime settings `up` gives
/// it), so that its request work never queues in the controller's thread pool. The controller reaches it through the
/// admin address and token the edge leaves in its state directory, as a restarted controller adopts one.
/// </summary>
internal sealed class EdgeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private readonly Process _process;

    private EdgeProcess(Process process, EdgeConnection connection) => (_process, Connection) = (process, connection);

    public EdgeConnection Connection { get; }

    public static async Task<EdgeProcess> StartAsync(string greenlight, string stateDirectory, CancellationToken ct)
    {
        Directory.CreateDirectory(stateDirectory);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { greenlight, "edge", "--state-dir", stateDirectory })
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1";
        start.Environment["DOTNET_TieredPGO"] = "1";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var limit = Stopwatch.StartNew();
        while (limit.Elapsed < StartLimit)
        {
            if (EdgeConnection.TryRead(stateDirectory) is { } edge && edge.Pid == process.Id && await edge.IsReachableAsync(ct))
                return new EdgeProcess(process, edge);
            if (process.HasExited)
                throw new InvalidOperationException($"the edge of {stateDirectory} exited with code {process.ExitCode}");
            await Task.Delay(50, ct);
        }
        process.Kill();
        throw new TimeoutException($"the edge of {stateDirectory} did not serve within {StartLimit.TotalSeconds:0} s (the bench's StartLimit)");
    }

    public async ValueTask DisposeAsync()
    {
        // The measurements are taken by then: nothing in flight needs the drain a SIGTERM would give it.
        if (!_process.HasExited)
            _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
