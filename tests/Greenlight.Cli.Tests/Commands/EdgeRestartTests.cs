using System.Text.Json;
using Greenlight.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>`greenlight edge restart` and `up` meeting an edge of another build: a new edge process takes over the
/// listening sockets of the old one, which drains; under load, no request fails.</summary>
public sealed class EdgeRestartTests(ITestOutputHelper output)
{
    private const int Restarts = 20;

    [Fact]
    public async Task EdgeRestart_TwentyTimesUnderLoad_LosesNoRequestAndUpReportsEachRestart()
    {
        using var ws = new CliWorkspace();
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);
        var admin = AdminUrl(ws);
        using var load = new PublicLoad(ws.Listen);
        await load.WaitForSuccessesAsync(20, ws.Cancellation);

        var pid = await EdgePidAsync(ws);
        var standby = await EdgeStandby.PidAsync(ws, pid, TimeSpan.FromSeconds(15));
        for (var i = 1; i <= Restarts; i++)
        {
            var before = load.Successes;
            var started = DateTime.UtcNow;
            var restart = await ws.RunAsync("edge", "restart");
            output.WriteLine($"{started:HH:mm:ss.fff} restart {i}: {(DateTime.UtcNow - started).TotalMilliseconds:0} ms");
            Assert.True(restart.ExitCode == 0, restart.Stderr);
            var next = int.Parse(restart.Stdout.Split(' ')[3], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains($"edge restarted: pid {next} took over from pid {pid}", restart.Stdout);
            var report = await WaitForEdgeAsync(ws, e => e.GetProperty("pid").GetInt32() == next);
            Assert.Equal(i, report.GetProperty("restarts").GetInt32());
            Assert.Contains($"pid {pid} handed its listeners over to pid {next}", report.GetProperty("note").GetString());
            await load.WaitForSuccessesAsync(before + 10, ws.Cancellation);
            pid = next;
        }

        output.WriteLine($"{Restarts} restarts: {load.Successes} requests answered, {load.Failures} failed");
        foreach (var error in load.Errors) output.WriteLine(error);
        foreach (var line in ws.ControllerOutput.Where(l => l.Contains("edge"))) output.WriteLine(line);
        AssertNoRequestLost(load);
        // The standby of this build stood in for each new edge in turn: still warm for a crash right after a restart.
        Assert.Equal(standby, await EdgeStandby.PidAsync(ws, pid, TimeSpan.Zero));
        Assert.Equal(admin, AdminUrl(ws)); // the controller's view: the same admin address throughout
        Assert.Equal("1.0", await ws.PublicVersionAsync());
        Assert.Contains(ws.ControllerOutput, line => line.Contains($"edge restarted without downtime: pid {pid} took over the listeners of pid"));
        Assert.Contains("restarted without downtime", (await ws.RunAsync("status")).Stdout);
    }

    /// <summary>No request may be refused, cut or answered with an error: not at the hand-over (a listening socket lost),
    /// nor at the old edge's stop (a keep-alive connection closed under a request being written on it).</summary>
    private static void AssertNoRequestLost(PublicLoad load) =>
        Assert.True(load.Failures == 0, $"{load.Failures} request(s) failed: {string.Join(" | ", load.Errors)}");

    [Fact]
    public async Task Up_EdgeOfAnotherBuildRunning_UpgradesItUnderLoadWithoutLosingARequest()
    {
        using var ws = new CliWorkspace();
        // The marker stands for another binary: the edge `up` starts inherits it and writes it to admin.json as its build.
        var first = await ws.StartControllerAsync(new Dictionary<string, string> { ["GREENLIGHT_EDGE_BUILD"] = "older-build" });
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);
        var old = await EdgePidAsync(ws);
        Assert.Equal("older-build", AdminInfo(ws).GetProperty("build").GetString());
        using var load = new PublicLoad(ws.Listen);
        await load.WaitForSuccessesAsync(20, ws.Cancellation);
        first.Kill();
        await first.WaitForExitAsync(ws.Cancellation);

        await ws.StartControllerAsync();
        var report = await WaitForEdgeAsync(ws, e => e.GetProperty("pid").GetInt32() != old);
        var before = load.Successes;
        await load.WaitForSuccessesAsync(before + 20, ws.Cancellation);

        output.WriteLine(report.GetProperty("note").GetString());
        AssertNoRequestLost(load);
        Assert.Contains($"pid {old} ran another build and handed its listeners over to pid {report.GetProperty("pid").GetInt32()}", report.GetProperty("note").GetString());
        Assert.NotEqual("older-build", AdminInfo(ws).GetProperty("build").GetString());
        Assert.Contains(ws.ControllerOutput, line => line.Contains($"edge upgraded: pid {report.GetProperty("pid").GetInt32()} of this build took over the listeners of pid {old}"));
        Assert.Equal("1.0", await ws.PublicVersionAsync());
    }

    [Fact]
    public async Task EdgeRestart_NoEdgeRunning_ExitsNonZeroSayingSo()
    {
        using var ws = new CliWorkspace();

        var restart = await ws.RunAsync("edge", "restart");

        Assert.Equal(1, restart.ExitCode);
        Assert.Contains("error: the edge was not restarted: no edge is running for", restart.Stderr);
    }

    private static JsonElement AdminInfo(CliWorkspace ws) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(ws.Directory, ".greenlight", "edge", "admin.json"))).RootElement.Clone();

    private static string AdminUrl(CliWorkspace ws) => AdminInfo(ws).GetProperty("url").GetString()!;

    private static async Task<int> EdgePidAsync(CliWorkspace ws) =>
        (await WaitForEdgeAsync(ws, _ => true)).GetProperty("pid").GetInt32();

    private static async Task<JsonElement> WaitForEdgeAsync(CliWorkspace ws, Func<JsonElement, bool> done)
    {
        while (true)
        {
            if (await ws.TryApiAsync("v1/status") is { } status && status.GetProperty("edge") is var edge && done(edge))
                return edge;
            await Task.Delay(20, ws.Cancellation);
        }
    }
}
