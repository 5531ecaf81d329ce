using System.Text.Json;
using Greenlight.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>`greenlight down` with real processes and the real edge: nothing accepted is lost, nothing is left running.</summary>
public sealed class DownCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Down_UnderLoadThroughTheEdge_LosesNoAcceptedRequestLeavesNoProcessAndUpStartsNothingAgain()
    {
        // Every answer takes a second: whenever the edge stops listening, requests are halfway through.
        using var ws = new CliWorkspace(edit: text => text.Replace("  env:\n", "  env:\n    Shop__LatencyMs: \"1000\"\n"));
        var up = await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);
        Assert.Equal(0, (await ws.RunAsync("deploy", "2.0")).ExitCode); // 1.0 stays warm
        using var load = new DrainLoad(ws.Listen);
        await load.WaitForSuccessesAsync(16, ws.Cancellation);

        var down = await ws.RunAsync("down");
        load.Dispose();

        output.WriteLine(down.Stdout + down.Stderr);
        Assert.Equal(0, down.ExitCode);
        var answers = load.Answers;
        var failed = answers.Where(a => a.Failure is not null).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} accepted requests failed: {string.Join("; ", failed.Select(f => f.Failure).Distinct())}");
        var firstRefused = answers.Where(a => a.Refused).Min(a => a.Ended); // the edge stopped accepting…
        Assert.Contains(answers, a => a is { Refused: false } && a.Ended > firstRefused); // …and finished what it had accepted
        output.WriteLine($"{load.Successes} answered, {answers.Count(a => a.Refused)} refused once the edge stopped listening, 0 failed");

        Assert.True(up.HasExited);
        Assert.Empty(ws.Running());
        Assert.Matches(@"stopped the controller \(pid \d+\)", down.Stdout);
        Assert.Matches(@"stopped the edge \(pid \d+\) in [\d.]+ s: it finished the requests it had accepted", down.Stdout);
        Assert.Matches(@"shop: stopped 1\.0 \(pid \d+\), 2\.0 \(pid \d+\)", down.Stdout);
        Assert.Equal(5, (await ws.RunAsync("status")).ExitCode);

        // Recorded as stopped: a new controller starts (and adopts) nothing, it repairs nothing.
        await ws.StartControllerAsync();
        var status = (await ws.TryApiAsync("v1/status"))!.Value;
        Assert.All(status.GetProperty("revisions").EnumerateArray(), r => Assert.Equal("stopped", r.GetProperty("role").GetString()));
        Assert.DoesNotContain(status.GetProperty("rollouts").EnumerateArray(), r => r.GetProperty("repair").GetBoolean());
        Assert.Empty(ws.Revisions("2.0"));
        Assert.Contains("stopped by `greenlight down`: ", (await ws.RunAsync("watch", Json((await ws.RunAsync("history", "-o", "json")).Stdout)[0].GetProperty("id").GetString()!)).Stdout);
    }

    [Fact]
    public async Task DownApp_WithAndWithoutAController_StopsOnlyTheAppAndRefusesWhatItDoesNotKnow()
    {
        using var ws = new CliWorkspace();
        var up = await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);

        var unknown = await ws.RunAsync("down", "--app", "billing");
        var env = await ws.RunAsync("down", "--env", "staging");
        var app = await ws.RunAsync("down", "--app", "shop", "--output", "json");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no app billing: this controller releases shop", unknown.Stderr);
        Assert.Equal(2, env.ExitCode);
        Assert.Contains("--env staging: no app here has that environment", env.Stderr);
        Assert.Equal(0, app.ExitCode);
        var stopped = Json(app.Stdout);
        Assert.Equal(("shop", "Removed"), (stopped.GetProperty("app").GetString(), stopped.GetProperty("route").GetString()));
        var revision = Assert.Single(stopped.GetProperty("revisions").EnumerateArray());
        Assert.Equal(("1.0", true), (revision.GetProperty("version").GetString(), revision.GetProperty("wasRunning").GetBoolean()));
        Assert.Empty(ws.Revisions("1.0"));
        await Assert.ThrowsAsync<HttpRequestException>(ws.PublicVersionAsync); // its listener left the edge
        Assert.False(up.HasExited); // the controller and the edge go on, and start nothing again
        var status = (await ws.TryApiAsync("v1/status"))!.Value;
        Assert.Equal("serving", status.GetProperty("edge").GetProperty("state").GetString());
        Assert.Equal("stopped", Assert.Single(status.GetProperty("revisions").EnumerateArray()).GetProperty("role").GetString());

        // The app comes back with the next release; then, with no controller, down --app goes to the edge itself.
        Assert.Equal(0, (await ws.RunAsync("deploy", "2.0")).ExitCode);
        Assert.Equal("2.0", await ws.PublicVersionAsync());
        up.Kill();
        await up.WaitForExitAsync(ws.Cancellation);
        Assert.Equal(2, (await ws.RunAsync("down", "--app", "billing")).ExitCode);
        var direct = await ws.RunAsync("down", "--app", "shop");
        Assert.Equal(0, direct.ExitCode);
        Assert.Matches(@"shop: its route left the edge once its requests in flight finished; stopped 2\.0 \(pid \d+\)", direct.Stdout);
        await Assert.ThrowsAsync<HttpRequestException>(ws.PublicVersionAsync);

        var all = Json((await ws.RunAsync("down", "-o", "json")).Stdout);
        Assert.Equal(JsonValueKind.Null, all.GetProperty("controller").ValueKind);
        Assert.True(Assert.Single(all.GetProperty("edges").EnumerateArray()).GetProperty("graceful").GetBoolean());
        Assert.Empty(ws.Running());
        Assert.Contains("nothing was running", (await ws.RunAsync("down")).Stdout);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
