using Greenlight.Core.Workspaces;

namespace Greenlight.Core.Tests.Workspaces;

/// <summary>Apps of one workspace share a listen address only by host name.</summary>
public sealed class ListenSharingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("greenlight-workspace-").FullName;

    [Fact]
    public void Load_TwoAppsOnOneAddressWithTheirOwnHosts_Loads()
    {
        var workspace = Load(("shop", "[shop.example.com]"), ("tea", "[tea.example.com, \"*.tea.example.com\"]")).GetOrThrow();

        Assert.Equal(["shop", "tea"], workspace.Apps.Select(a => a.App));
    }

    [Theory]
    [InlineData("[shop.example.com]", "[tea.example.com, Shop.example.com]", "edge.hosts[1] 'shop.example.com' is already served by app 'shop'")]
    [InlineData(null, "[tea.example.com]", "edge.listen 127.0.0.1:8080 is already used by app 'shop', which names no hosts")]
    [InlineData("[shop.example.com]", null, "edge.hosts 127.0.0.1:8080 is shared with app 'shop'")]
    public void Load_AppsThatCannotShareAnAddress_AreRefusedNamingTheField(string? shopHosts, string? teaHosts, string expected)
    {
        var error = Assert.Single(Load(("shop", shopHosts), ("tea", teaHosts)).Errors).ToString();

        Assert.Contains("apps[1]: app tea listens on 127.0.0.1:8080, as app shop does: ", error);
        Assert.Contains(expected, error);
    }

    private WorkspaceResult Load(params (string App, string? Hosts)[] apps)
    {
        foreach (var (app, hosts) in apps)
        {
            File.WriteAllText(Path.Combine(_directory, $"{app}.yaml"), $"""
                app: {app}
                run:
                  command: dotnet
                edge:
                  listen: 127.0.0.1:8080
                {(hosts is null ? "" : $"  hosts: {hosts}")}
                """);
        }

        var file = Path.Combine(_directory, Workspace.FileName);
        File.WriteAllText(file, "apps:\n" + string.Join("", apps.Select(a => $"  - {a.App}.yaml\n")));
        return WorkspaceLoader.Load(file);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
