namespace Greenlight.Cli.Tests.Support;

/// <summary>The sample canary reduced to 30% then one analysis on the edge's error rate, a look every 250 ms. Not sticky:
/// the test's load shares one cookie jar, which would keep every request on one revision.</summary>
internal static class JudgedCanary
{
    /// <param name="options">The errorRate judge's options, e.g. <c>{minCanaryRequests: 50, maxCanaryRequests: 300}</c>.</param>
    /// <param name="then">Steps after the analysis, e.g. <c>      - pause: {}\n</c>.</param>
    /// <param name="edit">Further changes to the manifest's text, e.g. its run section.</param>
    public static CliWorkspace Create(string options, string then = "", Func<string, string>? edit = null) => new("greenlight.canary.yaml", text =>
    {
        var steps = text.IndexOf("    steps:", StringComparison.Ordinal);
        var analysis = text.IndexOf("\nanalysis:", StringComparison.Ordinal);
        text = text[..steps] + "    steps:\n      - setWeight: 30\n      - analysis: {maxDuration: 2m}\n" + then
            + $"analysis:\n  interval: 250ms\n  metrics:\n    - name: error-rate\n      judge: errorRate\n      options: {options}\n";
        return edit?.Invoke(text) ?? text;
    });

    /// <summary>Waits until the release of <paramref name="version"/> is analysing (step 2), or at <paramref name="step"/>.</summary>
    public static async Task WaitForAnalysisAsync(CliWorkspace ws, string version, int step = 1)
    {
        while ((await ws.TryApiAsync("v1/rollouts?limit=1"))?[0] is not { } r || r.GetProperty("version").GetString() != version
               || r.GetProperty("phase").GetString() != "Stepping" || r.GetProperty("stepIndex").GetInt32() != step)
            await Task.Delay(50, ws.Cancellation);
    }
}
