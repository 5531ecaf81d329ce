using System.Diagnostics;
using System.Text.Json;
using Greenlight.Testing;
using Xunit.Abstractions;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>`greenlight demo --waves` as a user runs it: real shop processes, an edge per region, load through every edge.</summary>
public sealed class DemoWavesTests(ITestOutputHelper output)
{
    private static readonly string[] Lanes = ["shop.staging.local", "shop.production.one-box", "shop.production.eu-west", "shop.production.us-east"];

    [Fact]
    public async Task DemoWaves_EveryStepEndsAsExpected_OnlyTheFaultyRevisionAndTheKilledProcessFailRequests_NothingIsLeftRunning()
    {
        var (exit, stdout, stderr) = await RunDemoAsync();

        output.WriteLine(stdout + stderr);
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        var s = json.RootElement;
        var steps = s.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(4, steps.Count);
        Assert.All(steps, step => Assert.True(step.GetProperty("as_expected").GetBoolean(), step.ToString()));
        Assert.Equal("Completed; staging/local Completed, production/one-box Completed, production/eu-west Completed, production/us-east Completed",
            steps[0].GetProperty("outcome").GetString());
        // The faulty version got no further than the one-box, and it was its bake, on live error rates, that caught it.
        Assert.Equal("RolledBack; staging/local Completed, production/one-box RolledBack, production/eu-west Pending, production/us-east Pending",
            steps[1].GetProperty("outcome").GetString());
        Assert.Contains("bake of wave 1/2 failed: production/one-box: error rate of 2.2 since the bake began, against 1.0 before the flip",
            steps[1].GetProperty("verdict").GetString());
        Assert.Equal(steps[0].GetProperty("outcome").GetString(), steps[2].GetProperty("outcome").GetString());
        Assert.Equal("drift found; started again; drift clean", steps[3].GetProperty("outcome").GetString());
        Assert.StartsWith("revision 2.0 is not running", steps[3].GetProperty("verdict").GetString());

        Assert.Equal(0, s.GetProperty("failed_requests").GetInt64());
        Assert.True(s.GetProperty("faulty_errors").GetInt64() > 0, "the faulty revision served and its own errors were counted");
        var regions = s.GetProperty("regions").EnumerateArray().ToDictionary(r => r.GetProperty("region").GetString()!);
        Assert.Equal(["production/eu-west", "production/one-box", "production/us-east", "staging/local"], regions.Keys.Order());
        Assert.All(regions.Values, r => Assert.Equal(0, r.GetProperty("failed_requests").GetInt64()));
        // Only the kill's own region lost requests to it: the others never depended on that process.
        Assert.Equal(s.GetProperty("lost_to_kill").GetInt64(), regions["production/eu-west"].GetProperty("lost_to_kill").GetInt64());
        Assert.All(regions.Values, r => Assert.True(r.GetProperty("served_by").GetProperty("2.0").GetInt64() > 0));
        Assert.True(regions["production/one-box"].GetProperty("served_by").GetProperty("2.2").GetInt64() > 0);
        Assert.False(regions["production/eu-west"].GetProperty("served_by").TryGetProperty("2.2", out _));
        Assert.False(regions["production/us-east"].GetProperty("served_by").TryGetProperty("2.2", out _));
        Assert.InRange(s.GetProperty("bake_rollback_ms").GetDouble(), 0, 5_000);
        Assert.InRange(s.GetProperty("drift_heal_ms").GetDouble(), 1, 60_000);
        Assert.Empty(Leftovers());
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunDemoAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[RepoPaths.GreenlightDll, "demo", "--waves", "--output", "json"])
            start.ArgumentList.Add(arg);
        using var demo = Process.Start(start)!;
        var stdout = demo.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = demo.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await demo.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!demo.HasExited)
            {
                demo.Kill(entireProcessTree: true);
                MarkedProcesses.Kill(Leftovers());
            }
        }
        return (demo.ExitCode, await stdout, await stderr);
    }

    /// <summary>Revisions the demo started that still run: shop processes of its lanes writing their output into a
    /// demo's workspace. Other tests run the shop under the same lane names at the same time, in workspaces of their own.</summary>
    private static IReadOnlyList<int> Leftovers() =>
        [.. Lanes.SelectMany(lane => MarkedProcesses.Find("GREENLIGHT_APP", lane))
            .Where(pid => File.ResolveLinkTarget($"/proc/{pid}/fd/1", returnFinalTarget: false)?.FullName.Contains("greenlight-demo-waves-") == true)];
}
