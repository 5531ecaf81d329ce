using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>The controller as users run it: `greenlight up` in its own process, killed the hard way.</summary>
public sealed class ControllerLifecycleTests
{
    [Fact]
    public async Task Edge_ControllerKilled_KeepsServingAndTheNextControllerAdoptsIt()
    {
        using var ws = new CliWorkspace();
        var up = await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);

        up.Kill();
        await up.WaitForExitAsync(ws.Cancellation);

        for (var i = 0; i < 20; i++)
            Assert.Equal("1.0", await ws.PublicVersionAsync());
        Assert.Equal(5, (await ws.RunAsync("status")).ExitCode);

        await ws.StartControllerAsync();
        Assert.Contains(ws.ControllerOutput, line => line.Contains("adopted edge"));
        var status = await ws.RunAsync("status", "--output", "json");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("\"serving\": \"1.0\"", status.Stdout);
    }

    [Fact]
    public async Task Up_KilledWhileTheNewRevisionStarts_ResumesAndEndsConsistentWithNoOrphan()
    {
        using var ws = new CliWorkspace();
        var up = await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);

        var deploy = ws.RunAsync("deploy", "2.0");
        // Kill once 2.0 is launched and recorded but not yet healthy: the worst moment to lose a controller.
        while (!await IsStartingAsync(ws, "2.0"))
            await Task.Delay(5, ws.Cancellation);
        up.Kill();
        await up.WaitForExitAsync(ws.Cancellation);
        Assert.Equal(5, (await deploy).ExitCode); // the client lost its controller and says so

        await ws.StartControllerAsync();
        while ((await ws.TryApiAsync("v1/rollouts?limit=1"))?[0].GetProperty("phase").GetString() is not ("Warm" or "Failed" or "RolledBack"))
            await Task.Delay(50, ws.Cancellation);

        Assert.Equal("Warm", (await ws.TryApiAsync("v1/rollouts?limit=1"))?[0].GetProperty("phase").GetString());
        Assert.Single(ws.Revisions("2.0"));
        Assert.Single(ws.Revisions("1.0"));
        Assert.Equal("2.0", await ws.PublicVersionAsync());
    }

    private static async Task<bool> IsStartingAsync(CliWorkspace ws, string version) =>
        (await ws.TryApiAsync("v1/status"))?.GetProperty("revisions").EnumerateArray()
            .Any(r => r.GetProperty("version").GetString() == version && r.GetProperty("role").GetString() == "starting") == true;

    [Fact]
    public async Task Deploy_UnhealthyVersion_Exits3AndThePreviousVersionStillServes()
    {
        using var ws = new CliWorkspace();
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);

        var failed = await ws.RunAsync("deploy", "2.1");

        Assert.Equal(3, failed.ExitCode);
        Assert.Contains("health check GET /health answered 503", failed.Stdout);
        Assert.Equal("1.0", await ws.PublicVersionAsync());
        Assert.Empty(ws.Revisions("2.1"));
    }

    [Fact]
    public async Task Rollback_AfterRelease_Exits0AndThePreviousVersionServesTheNextRequest()
    {
        using var ws = new CliWorkspace();
        await ws.StartControllerAsync();
        await ws.RunAsync("deploy", "1.0");
        Assert.Equal(0, (await ws.RunAsync("deploy", "2.0")).ExitCode);

        var rollback = await ws.RunAsync("rollback");

        Assert.Equal(0, rollback.ExitCode);
        Assert.Contains("rolled back", rollback.Stdout);
        Assert.Equal("1.0", await ws.PublicVersionAsync());
        Assert.Equal(2, (await ws.RunAsync("rollback")).ExitCode); // nothing left to roll back to
    }
}
