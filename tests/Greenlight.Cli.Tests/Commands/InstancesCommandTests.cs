using System.Text.Json;
using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>A revision of several instances through `up`, `deploy`, `status` and `down`, with real processes and the real edge.</summary>
public sealed class InstancesCommandTests
{
    /// <summary>Two instances. The check keeps its home page step: the shop keeps sessions in process memory, so its login
    /// then cart steps through the edge would meet two processes.</summary>
    private static string TwoInstances(string text)
    {
        var edited = text.Replace("  stopTimeout: 5s\n", "  stopTimeout: 5s\n  instances: 2\n");
        return edited[..edited.IndexOf("      - name: login", StringComparison.Ordinal)];
    }

    [Fact]
    public async Task Status_RevisionOfTwoInstances_ShowsPidAndPortOfEach_AndDownStopsBoth()
    {
        using var ws = new CliWorkspace(edit: TwoInstances);
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);

        var json = Json((await ws.RunAsync("status", "--output", "json")).Stdout);
        var text = (await ws.RunAsync("status")).Stdout;

        var rows = json.GetProperty("revisions").EnumerateArray().Where(r => r.GetProperty("running").GetBoolean()).ToList();
        Assert.Equal([0, 1], rows.Select(r => r.GetProperty("instance").GetInt32()));
        var pids = rows.Select(r => r.GetProperty("pid").GetInt32()).ToList();
        Assert.Equal(pids.Order(), ws.Revisions("1.0").Order());
        Assert.Equal(2, rows.Select(r => r.GetProperty("port").GetInt32()).Distinct().Count());
        Assert.Equal(2, Assert.Single(json.GetProperty("route").EnumerateArray()).GetProperty("instances").GetArrayLength());
        Assert.Matches($@"1\.0#1 .* serving .* 100% .* {pids[1]} .* {rows[1].GetProperty("port").GetInt32()}", text);

        var down = await ws.RunAsync("down");

        Assert.Equal(0, down.ExitCode);
        Assert.Matches($@"shop: stopped 1\.0 \(pid {pids[0]}\), 1\.0#1 \(pid {pids[1]}\)", down.Stdout);
        Assert.Empty(ws.Running());
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
