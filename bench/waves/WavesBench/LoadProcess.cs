using System.Diagnostics;
using System.Text.Json;

namespace WavesBench;

/// <summary>What the load counted so far.</summary>
internal sealed record LoadCounts(long Requests, long Failed, long Planted, IReadOnlyList<string> Failures);

/// <summary>
/// The <see cref="EdgeLoad"/> in a process of its own, as users' requests come from elsewhere: in the controller's process
/// its work would queue in the controller's thread pool and be counted as the controller's overhead. Spoken to over
/// standard input and output: the addresses, one per line, then an empty line; then <c>report</c> or <c>stop</c>, each
/// answered with one line of <see cref="LoadCounts"/> as JSON.
/// </summary>
internal sealed class LoadProcess : IAsyncDisposable
{
    private readonly Process _process;

    private LoadProcess(Process process) => _process = process;

    public static async Task<LoadProcess> StartAsync(IEnumerable<(string Environment, string Region, string App, string Listen)> addresses, int clients, int rate, string plantedVersion)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { typeof(LoadProcess).Assembly.Location, "load", $"{clients}", $"{rate}", plantedVersion })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        foreach (var a in addresses)
            await process.StandardInput.WriteLineAsync($"{a.Environment}\t{a.Region}\t{a.App}\t{a.Listen}");
        await process.StandardInput.WriteLineAsync();
        await process.StandardInput.FlushAsync();
        return new LoadProcess(process);
    }

    public Task<LoadCounts> ReportAsync() => AskAsync("report");

    public Task<LoadCounts> StopAsync() => AskAsync("stop");

    private async Task<LoadCounts> AskAsync(string what)
    {
        await _process.StandardInput.WriteLineAsync(what);
        await _process.StandardInput.FlushAsync();
        var line = await _process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException($"the load process ended (exit code {(_process.HasExited ? _process.ExitCode : -1)}) before answering '{what}'");
        return JsonSerializer.Deserialize<LoadCounts>(line)!;
    }

    /// <summary>The child's side: runs the load until told to stop.</summary>
    public static async Task<int> RunChildAsync(int clients, int rate, string plantedVersion)
    {
        var addresses = new List<(string, string, string, string)>();
        while (Console.ReadLine() is { Length: > 0 } line)
        {
            var f = line.Split('\t');
            addresses.Add((f[0], f[1], f[2], f[3]));
        }
        var load = new EdgeLoad(addresses, clients, rate, plantedVersion);
        while (Console.ReadLine() is { } command)
        {
            if (command == "stop")
                await load.DisposeAsync();
            Console.WriteLine(JsonSerializer.Serialize(new LoadCounts(load.Requests, load.Failed, load.Planted, load.Failures)));
            if (command == "stop")
                return 0;
        }
        await load.DisposeAsync();
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
