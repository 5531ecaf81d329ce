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
    public async Task Up_KilledWhileTheNewRevisionStarts_DeployReconnectsAndTheReleaseEndsConsistentWithNoOrphan()
    {
        using var ws = Patient();
        var up = await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);

        var deploy = ws.RunAsync("deploy", "2.0");
        // Kill once 2.0 is launched (its launch is recorded before the spawn) but not yet healthy: the worst moment to
        // lose a controller. Its process is looked for directly: polling the API could miss a start that is quick.
        while (ws.Revisions("2.0").Count == 0)
            await Task.Delay(5, ws.Cancellation);
        up.Kill();
        await up.WaitForExitAsync(ws.Cancellation);
        Assert.False(deploy.IsCompleted); // the client waits for a controller to come back

        await ws.StartControllerAsync();
        var followed = await deploy;

        Assert.True(followed.ExitCode == 0, $"deploy exited {followed.ExitCode}:\n{followed.Stdout}\n{followed.Stderr}");
        Assert.Contains("stopped answering; waiting up to 120 s", followed.Stderr);
        Assert.Contains("reconnected to the controller", followed.Stderr);
        Assert.Equal("Warm", (await ws.TryApiAsync("v1/rollouts?limit=1"))?[0].GetProperty("phase").GetString());
        Assert.Single(ws.Revisions("2.0"));
        Assert.Single(ws.Revisions("1.0"));
        Assert.Equal("2.0", await ws.PublicVersionAsync());
    }

    [Fact]
    public async Task Deploy_ControllerGoneForLongerThanTheReconnectLimit_Exits5NamingTheLimit()
    {
        using var ws = Patient();
        var up = await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);

        var deploy = ws.RunAsync("deploy", "2.0", "--reconnect-timeout", "2");
        while (ws.Revisions("2.0").Count == 0)
            await Task.Delay(5, ws.Cancellation);
        up.Kill();
        var gave = await deploy;

        Assert.Equal(5, gave.ExitCode);
        Assert.Contains("no controller answered for 2 s (the reconnect limit, --reconnect-timeout)", gave.Stderr);
    }

    [Fact]
    public async Task Up_NonLoopbackListen_IsRefusedWithoutAllowRemoteAndWarnedAboutWithIt()
    {
        using var ws = new CliWorkspace();

        var refused = await ws.RunAsync("up", "--listen", "0.0.0.0:0");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--listen 0.0.0.0:0 is not a loopback address", refused.Stderr);
        Assert.Contains("--allow-remote", refused.Stderr);
        Assert.False(File.Exists(Path.Combine(ws.Directory, ".greenlight", "controller.json"))); // nothing started

        await ws.StartControllerAsync(options: ["--listen", "0.0.0.0:0", "--allow-remote"]);
        Assert.Contains(ws.ControllerOutput, line => line.Contains("listens on 0.0.0.0:0, reachable from other machines"));
    }

    /// <summary>The sample's own health timeout: on a busy machine a revision must not fail for being slow to start,
    /// these tests are about what the client does meanwhile.</summary>
    private static CliWorkspace Patient() => new(edit: text => text.Replace("timeout: 3s", "timeout: 20s"));

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
