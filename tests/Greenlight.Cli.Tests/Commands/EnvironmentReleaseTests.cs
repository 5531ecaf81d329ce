using Greenlight.Cli.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>An app with environments as users run it: `up` starts an edge per region, `deploy` takes a release through them.</summary>
public sealed class EnvironmentReleaseTests
{
    [Fact]
    public async Task Deploy_StagingThenProductionInWaves_ReachesEveryRegion_AndAFailureInStagingNeverReachesProduction()
    {
        var (local, oneBox, euWest) = (Ports.FreeListen(), Ports.FreeListen(), Ports.FreeListen());
        using var ws = new CliWorkspace(edit: text => text + $$$"""

            environments:
              - name: staging
                regions: [{name: local, edge: {listen: {{{local}}}}}]
              - name: production
                regions:
                  - {name: one-box, edge: {listen: {{{oneBox}}}}}
                  - {name: eu-west, edge: {listen: {{{euWest}}}}}
                waves: [[one-box], [eu-west]]
            """);
        await ws.StartControllerAsync();

        var first = await ws.RunAsync("deploy", "1.0");

        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        Assert.Contains("✔ 1.0 passed every environment", first.Stdout);
        Assert.Contains("production: wave 2/2 starts: eu-west", first.Stdout);
        foreach (var listen in new[] { local, oneBox, euWest })
            Assert.Equal("1.0", await ws.VersionAtAsync(listen));

        var failing = await ws.RunAsync("deploy", "2.1");

        Assert.Equal(4, failing.ExitCode);
        Assert.Contains("rolled back", failing.Stdout);
        Assert.DoesNotContain("production: wave", failing.Stdout);
        foreach (var listen in new[] { local, oneBox, euWest })
            Assert.Equal("1.0", await ws.VersionAtAsync(listen));

        var down = await ws.RunAsync("down");
        Assert.Equal(0, down.ExitCode);
        Assert.Empty(MarkedProcesses.FindByCommandLine(Path.Combine(ws.Directory, ".greenlight", "edges")));
    }

    [Fact]
    public async Task Deploy_OfAManifestWithARegionAddedWhileUpRuns_StartsTheRegionsOwnEdgeAndReleasesIntoIt_AndDownStopsIt()
    {
        var (oneBox, euWest) = (Ports.FreeListen(), Ports.FreeListen());
        using var ws = new CliWorkspace(edit: text => text + $$$"""

            environments:
              - name: production
                regions:
                  - {name: one-box, edge: {listen: {{{oneBox}}}}}
            """);
        await ws.StartControllerAsync();
        var first = await ws.RunAsync("deploy", "1.0");
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        var euWestEdge = Path.Combine(ws.Directory, ".greenlight", "edges", "production.eu-west");
        Assert.Empty(MarkedProcesses.FindByCommandLine(euWestEdge));

        // The user adds a region while `up` runs; the next deploy carries the edited manifest.
        File.WriteAllText(ws.ManifestPath, File.ReadAllText(ws.ManifestPath).Replace(
            $"  - {{name: one-box, edge: {{listen: {oneBox}}}}}",
            $"  - {{name: one-box, edge: {{listen: {oneBox}}}}}\n      - {{name: eu-west, edge: {{listen: {euWest}}}}}"));
        var second = await ws.RunAsync("deploy", "2.0");

        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Equal("2.0", await ws.VersionAtAsync(oneBox));
        Assert.Equal("2.0", await ws.VersionAtAsync(euWest));
        // Its own edge process, in its own state directory, supervised by `up` like the others.
        Assert.NotEmpty(MarkedProcesses.FindByCommandLine(euWestEdge));
        Assert.Contains(ws.ControllerOutput, line => line.Contains("edge of production/eu-west (new in the manifest)"));

        var down = await ws.RunAsync("down");
        Assert.True(down.ExitCode == 0, down.Stdout + down.Stderr);
        Assert.Empty(MarkedProcesses.FindByCommandLine(euWestEdge));
        Assert.Empty(MarkedProcesses.FindByCommandLine(Path.Combine(ws.Directory, ".greenlight", "edges")));
    }
}
