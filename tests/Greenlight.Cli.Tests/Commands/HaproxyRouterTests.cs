using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>Releases through <c>edge.router: haproxy</c> under the real <c>greenlight up</c>: HAProxy, not the embedded edge,
/// carries the public traffic, and the canary analysis reads HAProxy's own counters.</summary>
public sealed partial class HaproxyRouterTests
{
    [Fact]
    public async Task Deploy_CanaryAnswering5xxThroughHaproxy_IsRolledBackOnHaproxysCounts_AndTheOldVersionKeepsAllTraffic()
    {
        using var ws = JudgedCanary.Create("{minCanaryRequests: 50, maxCanaryRequests: 1000000}", edit: ThroughHaproxy);
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);
        Assert.Equal("1.0", await ws.PublicVersionAsync());

        CliResult canary;
        using (var load = new PublicLoad(ws.Listen))
        {
            await load.WaitForSuccessesAsync(20, ws.Cancellation);
            canary = await ws.RunAsync("deploy", "2.2"); // the shop's known-bad release: 5% of its answers are 500
        }

        Assert.True(canary.ExitCode == 4, $"deploy 2.2 exited {canary.ExitCode}:\n{canary.Stdout}\n{canary.Stderr}");
        var history = JsonDocument.Parse((await ws.RunAsync("history", "--output", "json")).Stdout).RootElement;
        var rolledBack = history[0];
        Assert.Equal(("2.2", "RolledBack"), (rolledBack.GetProperty("version").GetString(), rolledBack.GetProperty("phase").GetString()));
        Assert.StartsWith("analysis failed: error-rate:", rolledBack.GetProperty("reason").GetString());
        var judged = rolledBack.GetProperty("lastVerdict").GetProperty("metrics")[0].GetProperty("canary");
        var canaryErrors = judged.GetProperty("errors").GetDouble();
        Assert.True(canaryErrors > 0, rolledBack.ToString());

        // The 5xx the judge counted are HAProxy's: its stats socket shows at least as many (counted on, after the last look).
        var serverErrors = HaproxyServers(await ShowStatAsync(ws)).Sum(s => s.ServerErrors);
        Assert.True(serverErrors >= canaryErrors, $"haproxy counted {serverErrors} 5xx, the verdict {canaryErrors}");
        for (var i = 0; i < 50; i++) Assert.Equal("1.0", await ws.PublicVersionAsync());
        var route = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(HaproxyDirectory(ws), "route.json"), ws.Cancellation)).RootElement;
        var serving = route.GetProperty("route").GetProperty("backends").EnumerateArray().Where(b => b.GetProperty("weight").GetInt32() > 0);
        Assert.Equal("1.0", Assert.Single(serving).GetProperty("revision").GetString());
    }

    [Fact]
    public async Task Deploy_BlueGreenFlipThroughHaproxyUnderLoad_LosesNoRequest_AndThenServesOnlyTheNewVersion()
    {
        using var ws = new CliWorkspace(edit: ThroughHaproxy);
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);
        var pid = await File.ReadAllTextAsync(Path.Combine(HaproxyDirectory(ws), "haproxy.pid"), ws.Cancellation);

        using (var load = new PublicLoad(ws.Listen))
        {
            await load.WaitForSuccessesAsync(50, ws.Cancellation);
            var flip = await ws.RunAsync("deploy", "2.0");
            Assert.True(flip.ExitCode == 0, $"deploy 2.0 exited {flip.ExitCode}:\n{flip.Stdout}\n{flip.Stderr}");
            var afterFlip = load.Successes;
            await load.WaitForSuccessesAsync(afterFlip + 50, ws.Cancellation);
            Assert.Equal(0, load.Failures);
        }

        for (var i = 0; i < 50; i++) Assert.Equal("2.0", await ws.PublicVersionAsync());
        // The flip went through the runtime API: the very HAProxy process that served 1.0 serves 2.0.
        Assert.Equal(pid, await File.ReadAllTextAsync(Path.Combine(HaproxyDirectory(ws), "haproxy.pid"), ws.Cancellation));
    }

    private static string ThroughHaproxy(string text) => EdgeListen().Replace(text, "$0  router: haproxy\n", 1);

    private static string HaproxyDirectory(CliWorkspace ws) => Path.Combine(ws.Directory, ".greenlight", "haproxy", "shop");

    /// <summary>HAProxy's own counters, read on its stats socket as an operator would.</summary>
    private static async Task<string> ShowStatAsync(CliWorkspace ws)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(Path.Combine(HaproxyDirectory(ws), "admin.sock")), ws.Cancellation);
        await socket.SendAsync(Encoding.ASCII.GetBytes("show stat\n"), ws.Cancellation);
        using var reader = new StreamReader(new NetworkStream(socket, ownsSocket: false));
        return await reader.ReadToEndAsync(ws.Cancellation);
    }

    /// <summary>The server rows of the revisions backend: name and 5xx answers.</summary>
    private static IEnumerable<(string Server, long ServerErrors)> HaproxyServers(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var columns = lines[0].TrimStart('#', ' ').Split(',');
        int px = Array.IndexOf(columns, "pxname"), sv = Array.IndexOf(columns, "svname"), h5 = Array.IndexOf(columns, "hrsp_5xx");
        return lines.Skip(1).Select(l => l.Split(','))
            .Where(f => f.Length > h5 && f[px] == "revisions" && f[sv] is not ("BACKEND" or "FRONTEND"))
            .Select(f => (f[sv], long.Parse(f[h5])));
    }

    [GeneratedRegex(@"^edge:\n  listen: \S+\n", RegexOptions.Multiline)]
    private static partial Regex EdgeListen();
}
