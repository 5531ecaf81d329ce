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
    public async Task Up_TwoAppsOnOneListenerByHostName_EachHostReachesItsAppsRelease()
    {
        using var ws = new CliWorkspace(edit: text => text.Replace("\nedge:\n", "\nedge:\n  hosts: [shop.test]\n"));
        Directory.CreateDirectory(Path.Combine(ws.Directory, "tea"));
        File.WriteAllText(Path.Combine(ws.Directory, "tea", "greenlight.yaml"),
            File.ReadAllText(ws.ManifestPath).Replace("app: shop", "app: tea").Replace("hosts: [shop.test]", "hosts: [\"*.tea.test\"]"));
        File.WriteAllText(Path.Combine(ws.Directory, "greenlight.workspace.yaml"), "apps:\n  - greenlight.yaml\n  - tea/greenlight.yaml\n");
        await ws.StartControllerAsync();

        var deployed = await Task.WhenAll(ws.RunAsync("deploy", "1.0", "--app", "shop"), ws.RunAsync("deploy", "2.0", "--app", "tea"));

        Assert.All(deployed, r => Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr));
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        Assert.Equal(("OK", "1.0"), await VersionForHostAsync(http, ws.Listen, "shop.test"));
        Assert.Equal(("OK", "2.0"), await VersionForHostAsync(http, ws.Listen, "eu.tea.test"));
        Assert.Equal(("NotFound", ""), await VersionForHostAsync(http, ws.Listen, "other.test"));
    }

    [Fact]
    public async Task Up_TwoAppsSharingARegionsListenerByHostName_EachHostReachesItsAppsRelease()
    {
        var eu = Ports.FreeListen();
        static string Region(string listen, string hosts) =>
            $"\nenvironments:\n  - name: production\n    regions:\n      - {{name: eu, edge: {{listen: {listen}, hosts: {hosts}}}}}\n";
        using var ws = new CliWorkspace(edit: text => text + Region(eu, "[shop.test]"));
        Directory.CreateDirectory(Path.Combine(ws.Directory, "tea"));
        File.WriteAllText(Path.Combine(ws.Directory, "tea", "greenlight.yaml"), File.ReadAllText(ws.ManifestPath)
            .Replace("app: shop", "app: tea").Replace(ws.Listen, Ports.FreeListen()).Replace("hosts: [shop.test]", "hosts: [\"*.tea.test\"]"));
        File.WriteAllText(Path.Combine(ws.Directory, "greenlight.workspace.yaml"), "apps:\n  - greenlight.yaml\n  - tea/greenlight.yaml\n");
        await ws.StartControllerAsync();

        var deployed = await Task.WhenAll(ws.RunAsync("deploy", "1.0", "--app", "shop"), ws.RunAsync("deploy", "2.0", "--app", "tea"));

        Assert.All(deployed, r => Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr));
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        Assert.Equal(("OK", "1.0"), await VersionForHostAsync(http, eu, "shop.test"));
        Assert.Equal(("OK", "2.0"), await VersionForHostAsync(http, eu, "eu.tea.test"));
        Assert.Equal(("NotFound", ""), await VersionForHostAsync(http, eu, "other.test"));
    }

    private static async Task<(string Status, string Version)> VersionForHostAsync(HttpClient http, string listen, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{listen}/");
        request.Headers.Host = host;
        using var response = await http.SendAsync(request);
        return (response.StatusCode.ToString(), response.Headers.TryGetValues("X-Shop-Version", out var v) ? v.Single() : "");
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
