using System.Text.Json;
using Greenlight.Cli.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>The everyday commands on an app with environments: its releases (rs-…) instead of one lane's rollouts.</summary>
public sealed class ReleaseCommandsTests
{
    private readonly string _local = Ports.FreeListen();
    private readonly string _oneBox = Ports.FreeListen();

    /// <summary>Staging (one region) then production (one-box), with <paramref name="production"/> added to production.</summary>
    private string Environments(string production = "") => $$$"""

        environments:
          - name: staging
            regions: [{name: local, edge: {listen: {{{_local}}}}}]
          - name: production
            regions: [{name: one-box, edge: {listen: {{{_oneBox}}}}}]
        {{{production}}}
        """;

    [Fact]
    public async Task Rollback_HaltedRelease_ReturnsTheRegionItLeftOnItsVersion_RecordsTheReason_AndThenHasNothingLeft()
    {
        using var ws = new CliWorkspace(edit: text => text + Environments());
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);
        // Production never gets healthy, and a failure there leaves staging as it is.
        File.WriteAllText(ws.ManifestPath, File.ReadAllText(ws.ManifestPath) + "    onFailure: halt\n    overrides: {health: {path: /no-such-page, timeout: 3s}}\n");

        var halted = await ws.RunAsync("deploy", "1.1");

        Assert.True(halted.ExitCode == 3, halted.Stdout + halted.Stderr);
        Assert.Contains("Halted", halted.Stdout);
        Assert.Equal("1.1", await ws.VersionAtAsync(_local));
        var id = Id(halted.Stdout);

        var history = await ws.RunAsync("history", "--app", "shop");
        Assert.Equal(0, history.ExitCode);
        Assert.Contains(id, history.Stdout);
        Assert.Contains("Halted", history.Stdout);
        Assert.Contains("one-box", history.Stdout);

        var abort = await ws.RunAsync("abort", id);
        Assert.Equal(2, abort.ExitCode);
        Assert.Contains($"release {id} is Halted and moves no more: `greenlight rollback {id}` returns the regions it left on 1.1", abort.Stderr);

        var rollback = await ws.RunAsync("rollback", id, "--reason", "carts are broken");

        Assert.True(rollback.ExitCode == 0, rollback.Stdout + rollback.Stderr);
        Assert.Contains("staging/local: back on the previous revision", rollback.Stdout);
        Assert.Equal("1.0", await ws.VersionAtAsync(_local));
        Assert.Equal("1.0", await ws.VersionAtAsync(_oneBox));
        var json = await ws.RunAsync("history", "--app", "shop", "--output", "json");
        var release = JsonDocument.Parse(json.Stdout).RootElement.EnumerateArray().First(r => r.GetProperty("id").GetString() == id);
        Assert.Equal("RolledBack", release.GetProperty("phase").GetString());
        Assert.StartsWith("rolled back on request: carts are broken (it had halted: production:", release.GetProperty("reason").GetString());
        Assert.Equal("RolledBack", release.GetProperty("stages")[0].GetProperty("regions")[0].GetProperty("phase").GetString());

        var again = await ws.RunAsync("rollback", id);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains($"release {id} is RolledBack: nothing is left to roll back", again.Stderr);
        var unknown = await ws.RunAsync("rollback", "rs-nosuchone");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no release rs-nosuchone", unknown.Stderr);
        var otherApp = await ws.RunAsync("rollback", id, "--app", "billing");
        Assert.Equal(2, otherApp.ExitCode);
        Assert.Contains($"release {id} is of app shop, not billing", otherApp.Stderr);
    }

    [Fact]
    public async Task StatusWatchAndAbort_ByAppName_FindTheReleaseWaitingForPromotion_AndAbortReturnsStaging()
    {
        using var ws = new CliWorkspace(edit: text => text + Environments());
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);
        File.WriteAllText(ws.ManifestPath, File.ReadAllText(ws.ManifestPath) + "    promotion: manual\n");
        var waiting = await ws.RunAsync("deploy", "1.1");
        Assert.True(waiting.ExitCode == 0, waiting.Stdout + waiting.Stderr);
        var id = Id(waiting.Stdout);

        var rollback = await ws.RunAsync("rollback", id);
        Assert.Equal(2, rollback.ExitCode);
        Assert.Contains($"release {id} is Running: `greenlight abort {id}`", rollback.Stderr);

        var status = await ws.RunAsync("status", "--app", "shop");
        Assert.True(status.ExitCode == 0, status.Stdout + status.Stderr);
        Assert.Contains($"release {id} of 1.1", status.Stdout);
        Assert.Contains("AwaitingPromotion", status.Stdout);
        Assert.Matches(@"shop\.staging\.local on \S+ — serving: 1\.1", status.Stdout);
        Assert.Matches(@"shop\.production\.one-box on \S+ — serving: 1\.0", status.Stdout);

        var watch = await ws.RunAsync("watch", "--app", "shop");
        Assert.Equal(0, watch.ExitCode);
        Assert.Contains($"1.1 waits for `greenlight promote-release {id} --to production`", watch.Stdout);

        var abort = await ws.RunAsync("abort", "--app", "shop", "--reason", "wrong build");

        Assert.True(abort.ExitCode == 0, abort.Stdout + abort.Stderr);
        Assert.Contains("staging/local: back on the previous revision", abort.Stdout);
        Assert.DoesNotContain("requested into staging", abort.Stdout); // only what followed the request
        Assert.Contains("rolled back", abort.Stdout);
        Assert.Equal("1.0", await ws.VersionAtAsync(_local));
        Assert.Equal(2, (await ws.RunAsync("watch", "--app", "shop")).ExitCode); // nothing in progress any more
        var lane = await ws.RunAsync("status", "--app", "shop.staging.local");
        Assert.Equal(0, lane.ExitCode);
        Assert.Contains("serving: 1.0", lane.Stdout);
    }

    /// <summary>The release id `deploy` printed: "shop 1.1 — release rs-… into staging".</summary>
    private static string Id(string deployed) => System.Text.RegularExpressions.Regex.Match(deployed, @"release (rs-[0-9a-f]+) into").Groups[1].Value;
}
