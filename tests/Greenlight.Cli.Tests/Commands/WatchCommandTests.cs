using System.Collections.Concurrent;
using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>`greenlight watch` prints what `deploy` prints, from another terminal.</summary>
public sealed class WatchCommandTests
{
    [Fact]
    public async Task Watch_ReleaseInProgress_PrintsDeploysStreamWithTheFinalPassAndItsOutcomeAndExitCode()
    {
        // A pause that only `promote` ends holds the release after its analysis passed, with `watch` attached.
        using var ws = JudgedCanary.Create("{minCanaryRequests: 50, maxCanaryRequests: 300}", then: "      - pause: {}\n");
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);
        Assert.Equal(2, (await ws.RunAsync("watch")).ExitCode); // nothing in progress
        using var load = new PublicLoad(ws.Listen);
        var deploy = ws.RunAsync("deploy", "2.0");
        await JudgedCanary.WaitForAnalysisAsync(ws, "2.0", step: 2);

        var printed = new ConcurrentQueue<string>();
        using var watch = ws.Start(printed, "watch");
        while (!printed.Any(l => l.Contains("step 3/3: pause until promoted")))
            await Task.Delay(20, ws.Cancellation);
        Assert.Equal(0, (await ws.RunAsync("promote")).ExitCode);
        await watch.WaitForExitAsync(ws.Cancellation);
        var deployed = await deploy;

        Assert.Equal(0, deployed.ExitCode);
        Assert.Equal(deployed.ExitCode, watch.ExitCode);
        var (deployLines, watchLines) = (Lines(deployed.Stdout), printed.Where(l => l.Length > 0).Select(l => l.TrimEnd()).ToList());
        Assert.Equal(deployLines, watchLines); // from "shop 2.0 — rollout rl-…" to "✔ 2.0 serves all traffic"
        Assert.Contains("serves all traffic", watchLines[^1]);
        // The look that passed comes right before the step after the analysis.
        var next = watchLines.FindIndex(l => l.Contains("step 3/3: pause"));
        Assert.Matches(@"look \d+: error-rate Pass: ", watchLines[next - 1]);

        var again = await ws.RunAsync("watch", deployLines[0].Split(' ')[^1]);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(deployLines, Lines(again.Stdout));
        Assert.Equal(2, (await ws.RunAsync("watch", "rl-nosuchone")).ExitCode);
    }

    /// <summary>Each line as printed: an event's time is when it happened, so both commands print the same.</summary>
    private static List<string> Lines(string output) => [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd())];
}
