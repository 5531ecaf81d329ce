using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

public sealed class CanaryCommandsTests
{
    /// <summary>The sample canary, reduced to 10% then a pause that only `promote` ends.</summary>
    private static CliWorkspace PausedCanary() => new("greenlight.canary.yaml", text =>
    {
        var steps = text.IndexOf("      - analysis:", StringComparison.Ordinal);
        var sticky = text.IndexOf("    sticky:", StringComparison.Ordinal);
        return text[..steps] + "      - pause: {}\n" + text[sticky..];
    });

    [Fact]
    public async Task Promote_CanaryWaitingInAPause_EndsTheReleaseWithTheCanaryServing()
    {
        using var ws = PausedCanary();
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);
        var deploy = ws.RunAsync("deploy", "2.0");
        while ((await ws.TryApiAsync("v1/rollouts?limit=1"))?[0] is not { } r || r.GetProperty("version").GetString() != "2.0"
               || r.GetProperty("phase").GetString() != "Stepping" || r.GetProperty("stepIndex").GetInt32() != 1)
            await Task.Delay(50, ws.Cancellation);

        var status = await ws.RunAsync("status", "--output", "json");
        var promote = await ws.RunAsync("promote");

        Assert.Contains("\"canaryWeight\": 10", status.Stdout);
        Assert.Contains("\"role\": \"canary\"", status.Stdout);
        Assert.Equal(0, promote.ExitCode);
        Assert.Contains("promoting to 100%", promote.Stdout);
        Assert.Equal(0, (await deploy).ExitCode);
        Assert.Equal("2.0", await ws.PublicVersionAsync());
    }

    [Fact]
    public async Task Abort_CanaryInProgress_SendsTrafficBackAndDeployExits4()
    {
        using var ws = PausedCanary();
        await ws.StartControllerAsync();
        await ws.RunAsync("deploy", "1.0");
        var deploy = ws.RunAsync("deploy", "2.0");
        while ((await ws.TryApiAsync("v1/rollouts?limit=1"))?[0] is not { } r || r.GetProperty("version").GetString() != "2.0"
               || r.GetProperty("phase").GetString() != "Stepping" || r.GetProperty("stepIndex").GetInt32() != 1)
            await Task.Delay(50, ws.Cancellation);

        Assert.Equal(0, (await ws.RunAsync("abort")).ExitCode);

        Assert.Equal(4, (await deploy).ExitCode);
        Assert.Equal("1.0", await ws.PublicVersionAsync());
        Assert.Equal(2, (await ws.RunAsync("abort")).ExitCode); // nothing left in progress
    }
}
