using System.Text.Json;
using Greenlight.Cli.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>One controller for every app of a workspace, each app on its own lane.</summary>
public sealed class WorkspaceTests
{
    [Fact]
    public async Task Deploy_TwoAppsOfOneWorkspace_ReleaseConcurrently_AndOnesFailureLeavesTheOtherAlone()
    {
        using var ws = new CliWorkspace();
        var teaListen = Ports.FreeListen();
        Directory.CreateDirectory(Path.Combine(ws.Directory, "tea"));
        File.WriteAllText(Path.Combine(ws.Directory, "tea", "greenlight.yaml"),
            File.ReadAllText(ws.ManifestPath).Replace("app: shop", "app: tea").Replace(ws.Listen, teaListen));
        File.WriteAllText(Path.Combine(ws.Directory, "greenlight.workspace.yaml"), "apps:\n  - greenlight.yaml\n  - tea/greenlight.yaml\n");
        await ws.StartControllerAsync();

        var first = await Task.WhenAll(ws.RunAsync("deploy", "1.0", "--app", "shop"), ws.RunAsync("deploy", "1.0", "--app", "tea"));
        Assert.All(first, r => Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr));

        // 2.1 never becomes healthy (the shop's own release defaults): shop's release fails while tea's goes through.
        var second = await Task.WhenAll(ws.RunAsync("deploy", "2.1", "--app", "shop"), ws.RunAsync("deploy", "2.0", "--app", "tea"));
        Assert.Equal(3, second[0].ExitCode);
        Assert.True(second[1].ExitCode == 0, second[1].Stdout + second[1].Stderr);
        Assert.Equal("1.0", await ws.PublicVersionAsync());
        Assert.Equal("2.0", await ws.VersionAtAsync(teaListen));

        var unnamed = await ws.RunAsync("deploy", "3.0");
        Assert.Equal(2, unnamed.ExitCode);
        Assert.Contains("name one with --app", unnamed.Stderr);
        var status = await ws.RunAsync("status", "--app", "tea", "--output", "json");
        using var json = JsonDocument.Parse(status.Stdout);
        Assert.Equal("2.0", json.RootElement.GetProperty("serving").GetString());
        Assert.Equal(["shop", "tea"], (await ws.TryApiAsync("v1/apps"))!.Value.EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Validate_WorkspaceWithTwoAppsOnOneListener_NamesBothAndTheLine()
    {
        using var ws = new CliWorkspace();
        Directory.CreateDirectory(Path.Combine(ws.Directory, "tea"));
        File.WriteAllText(Path.Combine(ws.Directory, "tea", "greenlight.yaml"), File.ReadAllText(ws.ManifestPath).Replace("app: shop", "app: tea"));
        File.WriteAllText(Path.Combine(ws.Directory, "greenlight.workspace.yaml"), "apps:\n  - greenlight.yaml\n  - tea/greenlight.yaml\n");

        var result = await ws.RunAsync("validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"greenlight.workspace.yaml:3:5: apps[1]: app tea listens on {ws.Listen}, as app shop does", result.Stderr);
    }
}
