using System.Text.Json;
using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>`status` and `history` with <c>--output json</c> carry verdicts as fields, durations as the manifest writes them.</summary>
public sealed class VerdictJsonTests
{
    private const string Duration = @"^(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$";

    [Fact]
    public async Task StatusAndHistory_Json_CarryTheLiveVerdictAndTheOneThatRolledTheCanaryBackAsFields()
    {
        // No Pass without evidence: a healthy canary stays inconclusive, a faulty one fails.
        using var ws = JudgedCanary.Create("{minCanaryRequests: 50, maxCanaryRequests: 1000000}");
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);
        using var load = new PublicLoad(ws.Listen);
        var inconclusive = ws.RunAsync("deploy", "2.0");
        await JudgedCanary.WaitForAnalysisAsync(ws, "2.0");
        while ((await ws.TryApiAsync("v1/status"))?.GetProperty("analysis").EnumerateObject().Any() != true)
            await Task.Delay(50, ws.Cancellation);

        var status = Json((await ws.RunAsync("status", "--output", "json")).Stdout);
        Assert.Equal(0, (await ws.RunAsync("abort")).ExitCode);
        Assert.Equal(4, (await inconclusive).ExitCode);
        Assert.Equal(4, (await ws.RunAsync("deploy", "2.2")).ExitCode); // 5% errors: rolled back by its analysis
        var history = Json((await ws.RunAsync("history", "--output", "json")).Stdout);
        var historyText = (await ws.RunAsync("history")).Stdout;

        var rollout = status.GetProperty("rollouts")[0];
        Assert.Equal("0s", rollout.GetProperty("warmFor").GetString());
        Assert.Equal("2m", rollout.GetProperty("steps")[1].GetProperty("duration").GetString());
        var live = status.GetProperty("analysis").GetProperty(rollout.GetProperty("id").GetString()!);
        Assert.Equal(("Inconclusive", "2.0", "1.0", "2m"), (Text(live, "outcome"), Text(live, "canary"), Text(live, "stable"), Text(live, "maxDuration")));
        Assert.Matches(Duration, Text(live, "elapsed"));
        Assert.True(live.GetProperty("look").GetInt32() >= 1);
        var metric = live.GetProperty("metrics")[0];
        Assert.Equal(("error-rate", "errorRate"), (Text(metric, "metric"), Text(metric, "judge")));

        var rolledBack = history[0];
        Assert.Equal(("2.2", "RolledBack"), (Text(rolledBack, "version"), Text(rolledBack, "phase")));
        var verdict = rolledBack.GetProperty("lastVerdict");
        Assert.Equal("Fail", Text(verdict, "outcome"));
        Assert.Matches(Duration, Text(verdict, "elapsed"));
        var failed = verdict.GetProperty("metrics")[0];
        Assert.Equal(("error-rate", "errorRate", "Fail"), (Text(failed, "metric"), Text(failed, "judge"), Text(failed, "outcome")));
        var (canary, stable) = (failed.GetProperty("canary"), failed.GetProperty("stable"));
        Assert.True(canary.GetProperty("requests").GetDouble() >= 50);
        Assert.True(canary.GetProperty("errors").GetDouble() > 0);
        Assert.True(canary.GetProperty("rate").GetDouble() > stable.GetProperty("rate").GetDouble());
        var evidence = failed.GetProperty("evidence");
        Assert.True(evidence.GetProperty("fail").GetDouble() >= evidence.GetProperty("failBound").GetDouble());
        Assert.Equal(2, failed.GetProperty("threshold").GetProperty("maxRatio").GetDouble());
        Assert.Equal($"analysis failed: error-rate: {Text(failed, "summary")}", Text(rolledBack, "reason"));
        Assert.Null(history[1].GetProperty("lastVerdict").GetString()); // aborted before any verdict
        Assert.Contains("Fail (", historyText);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static string Text(JsonElement e, string name) => e.GetProperty(name).GetString()!;
}
