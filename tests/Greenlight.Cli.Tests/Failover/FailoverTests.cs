using System.Diagnostics;
using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Failover;

/// <summary>Two controllers sharing one real PostgreSQL: the follower takes over from a leader that dies or freezes.</summary>
public sealed class FailoverTests
{
    [Fact]
    public async Task Up_LeaderKilledMidCanary_FollowerTakesOverWithin10sAdoptsTheEdgeAndRevisionsAndTheReleaseEnds()
    {
        await using var group = await FailoverGroup.CreateAsync(JudgedCanary.Create("{minCanaryRequests: 50, maxCanaryRequests: 300}", "      - setWeight: 60\n"));
        var ws = group.Workspace;
        var a = await group.StartAsync(group.A);
        await group.WaitForRoleAsync(group.A, "leader");
        await group.StartAsync(group.B);
        Assert.Equal("follower", await group.RoleAsync(group.B));
        Assert.Equal(0, (await group.RunAsync(group.A, "deploy", "1.0")).ExitCode);
        var edge = (await group.TryApiAsync(group.A, "v1/status"))!.Value.GetProperty("edge").GetProperty("pid").GetInt32();
        using var load = new PublicLoad(ws.Listen);

        // Sent to the follower, which hands the CLI on to the leader.
        var deploy = group.RunAsync(group.B, "deploy", "2.0");
        await JudgedCanary.WaitForAnalysisAsync(ws, "2.0");
        var canary = ws.Revisions("2.0");
        a.Kill();
        var killed = Stopwatch.GetTimestamp();
        await group.WaitForRoleAsync(group.B, "leader");
        var takeover = Stopwatch.GetElapsedTime(killed);

        var followed = await deploy;
        Assert.True(followed.ExitCode == 0, $"deploy exited {followed.ExitCode}:\n{followed.Stdout}\n{followed.Stderr}\n{string.Join('\n', group.B.Output)}");
        Assert.True(takeover < TimeSpan.FromSeconds(10), $"the follower took over after {takeover.TotalSeconds:0.0} s");
        Assert.Contains("follows; sending to the leader", followed.Stderr);
        var status = (await group.TryApiAsync(group.B, "v1/status"))!.Value;
        Assert.Equal(edge, status.GetProperty("edge").GetProperty("pid").GetInt32()); // adopted, not replaced
        Assert.Equal("Warm", (await group.TryApiAsync(group.B, "v1/rollouts?limit=1"))!.Value[0].GetProperty("phase").GetString());
        Assert.Equal(canary, ws.Revisions("2.0")); // the very processes, adopted
        Assert.Equal("2.0", await ws.PublicVersionAsync());
        Assert.Equal(0, load.Failures);
    }

    [Fact]
    public async Task Up_LeaderPausedPastItsLease_StepsDownOnWakingAndNoEffectRunsTwice()
    {
        await using var group = await FailoverGroup.CreateAsync(new CliWorkspace("greenlight.canary.yaml", text =>
        {
            var steps = text.IndexOf("    steps:", StringComparison.Ordinal);
            var sticky = text.IndexOf("    sticky:", StringComparison.Ordinal);
            return text[..steps] + "    steps:\n      - setWeight: 30\n      - pause: {duration: 3s}\n      - setWeight: 60\n      - pause: {duration: 1s}\n" + text[sticky..];
        }));
        var ws = group.Workspace;
        var a = await group.StartAsync(group.A);
        await group.WaitForRoleAsync(group.A, "leader");
        await group.StartAsync(group.B);
        Assert.Equal(0, (await group.RunAsync(group.A, "deploy", "1.0")).ExitCode);
        // Not awaited: its requests to the frozen leader would hang; the workspace kills it at the end.
        using var deploy = ws.Start(new(), "-f", group.A.Manifest, "deploy", "2.0");
        await JudgedCanary.WaitForAnalysisAsync(ws, "2.0"); // step 1: the 3 s pause
        var id = (await group.TryApiAsync(group.A, "v1/rollouts?limit=1"))!.Value[0].GetProperty("id").GetString()!;

        Signal("STOP", a.Id);
        try
        {
            await group.WaitForRoleAsync(group.B, "leader");
            while ((await group.TryApiAsync(group.B, $"v1/rollouts/{id}"))?.GetProperty("phase").GetString() != "Warm")
                await Task.Delay(50, ws.Cancellation);
        }
        finally
        {
            Signal("CONT", a.Id);
        }
        while (!group.A.Output.Any(l => l.Contains("stepped down", StringComparison.Ordinal)))
            await Task.Delay(50, ws.Cancellation);
        await group.WaitForRoleAsync(group.A, "follower");

        var events = (await group.TryApiAsync(group.B, $"v1/rollouts/{id}/events"))!.Value.EnumerateArray()
            .Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.Single(events, e => e.StartsWith("traffic ", StringComparison.Ordinal) && e.Contains("2.0=60%", StringComparison.Ordinal));
        Assert.Single(events, e => e.StartsWith("traffic ", StringComparison.Ordinal) && e.Contains("2.0=100%", StringComparison.Ordinal));
        Assert.Single(ws.Revisions("2.0"));
        Assert.Equal("2.0", await ws.PublicVersionAsync());
        Assert.Equal("leader", await group.RoleAsync(group.B));
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
