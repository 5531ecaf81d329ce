using System.Text.Json;
using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>A release carries its manifest: what the user edits takes effect on the next deploy, never a copy read at `up`.</summary>
public sealed class ReleaseManifestTests
{
    [Fact]
    public async Task Deploy_ManifestEditedWhileTheControllerRuns_TheNextReleaseRunsOnTheEdit()
    {
        using var ws = new CliWorkspace();
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);

        // From blue-green to a canary that holds at 50%: the controller must not release 2.0 blue-green from its old copy.
        Edit(ws, text => text.Replace("  blueGreen:\n    warmFor: 24h", "  canary:\n    steps:\n      - setWeight: 50\n      - pause: {}"));
        var deploy = ws.RunAsync("deploy", "2.0");
        // Held by the pause: a blue-green release from a stale copy would have flipped to 100% and gone warm.
        await WaitAsync(ws, r => r.GetProperty("phase").GetString() == "Stepping" && r.GetProperty("stepIndex").GetInt32() == 1);
        var rollout = (await ws.TryApiAsync("v1/rollouts?limit=1"))!.Value[0];
        Assert.Equal(50, rollout.GetProperty("canaryWeight").GetInt32());
        Assert.Equal(2, rollout.GetProperty("steps").GetArrayLength());
        Assert.Equal(0, (await ws.RunAsync("promote", "--full")).ExitCode);
        Assert.Equal(0, (await deploy).ExitCode);
        Assert.Equal("2.0", await ws.PublicVersionAsync());
    }

    [Fact]
    public async Task Deploy_BrokenManifest_RefusedWithItsLineAndNothingChanges()
    {
        using var ws = new CliWorkspace();
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);

        Edit(ws, text => text.Replace("  blueGreen:", "  blueGren:"));
        var refused = await ws.RunAsync("deploy", "2.0");

        Assert.Equal(2, refused.ExitCode);
        Assert.Matches(@"greenlight\.yaml:\d+:\d+: strategy\.blueGren", refused.Stderr);
        Assert.Single((await ws.TryApiAsync("v1/rollouts"))!.Value.EnumerateArray());
        Assert.Equal("1.0", await ws.PublicVersionAsync());
    }

    [Fact]
    public async Task Deploy_SameVersionWithAnEditedManifest_IsAConfigReleaseThatDiffShows()
    {
        using var ws = new CliWorkspace();
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);
        var same = await ws.RunAsync("deploy", "1.0");
        Assert.Equal(2, same.ExitCode);
        Assert.Contains("already serving with this manifest", same.Stderr);

        Edit(ws, text => text.Replace("SHOP_VERSION: ${version}", "SHOP_VERSION: ${version}-tuned"));
        var config = await ws.RunAsync("deploy", "1.0");

        Assert.True(config.ExitCode == 0, config.Stdout + config.Stderr);
        Assert.Equal("1.0-tuned", await ws.PublicVersionAsync());
        var history = (await ws.TryApiAsync("v1/rollouts"))!.Value.EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.StartsWith("1.0@", history[0].GetProperty("revisionName").GetString());
        Assert.NotEqual(history[0].GetProperty("manifestDigest").GetString(), history[1].GetProperty("manifestDigest").GetString());

        var diff = await ws.RunAsync("diff", history[0].GetProperty("id").GetString()!, "--output", "json");
        Assert.Equal(0, diff.ExitCode);
        using var json = JsonDocument.Parse(diff.Stdout);
        var changes = json.RootElement.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("kind").GetString() != "same").ToList();
        Assert.Equal(["removed", "added"], changes.Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal("    SHOP_VERSION: ${version}-tuned", changes[1].GetProperty("text").GetString());
        Assert.Equal(history[1].GetProperty("id").GetString(), json.RootElement.GetProperty("from").GetProperty("rollout").GetString());
        var human = await ws.RunAsync("diff", history[0].GetProperty("id").GetString()!);
        Assert.Contains("+    SHOP_VERSION: ${version}-tuned", human.Stdout);
    }

    private static void Edit(CliWorkspace ws, Func<string, string> change)
    {
        var before = File.ReadAllText(ws.ManifestPath);
        var after = change(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(ws.ManifestPath, after);
    }

    private static async Task WaitAsync(CliWorkspace ws, Func<JsonElement, bool> latest)
    {
        while ((await ws.TryApiAsync("v1/rollouts?limit=1")) is not { } list || list.GetArrayLength() == 0 || !latest(list[0]))
            await Task.Delay(50, ws.Cancellation);
    }
}
