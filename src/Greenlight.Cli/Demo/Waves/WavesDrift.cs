using System.Diagnostics;
using Greenlight.Cli.Output;
using Greenlight.Core.Drift;
using Greenlight.Engine.Control;
using Spectre.Console;

namespace Greenlight.Cli.Demo.Waves;

/// <summary>
/// Kills the serving revision of one region, as the OOM killer would, then shows the drift check reporting it and the
/// lane's repair starting it again (the manifest says <c>reconcile: auto</c>), until a drift check finds nothing.
/// </summary>
internal sealed class WavesDrift(ReleaseController lane, LoadGenerator load, IAnsiConsole? console)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <param name="LostToKill">Requests through the region's edge that failed between the kill and the revision serving
    /// again: those in flight to the killed process and those sent to it before it left the route.</param>
    public sealed record Result(DemoStep Step, long LostToKill, double HealMs);

    public async Task<Result> KillAndHealAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var serving = (await lane.StatusAsync(ct)).Revisions.Single(r => r is { Running: true, Role: "serving" });
        var errorsBefore = await TransportErrorsAsync(ct);
        var failedBefore = load.Failed;
        console?.MarkupLine($"SIGKILL to revision {Render.Esc(serving.Version)} of {Render.Esc(lane.App)} (pid {serving.Pid})");
        using (var process = Process.GetProcessById(serving.Pid))
        {
            process.Kill();
            await process.WaitForExitAsync(ct);
        }
        var sinceKill = Stopwatch.StartNew();

        var found = await UntilAsync(async () => (await lane.DriftAsync(ct)).Findings
            .FirstOrDefault(f => f.Kind is DriftKind.RevisionDied or DriftKind.RevisionReplaced && f.Revision == serving.Version), ct);
        console?.MarkupLine(found is null ? "[red]no drift reported[/]" : $"[yellow]drift:[/] {Render.Esc(found.Describe())}");
        var again = await UntilAsync(async () => (await lane.StatusAsync(ct)).Revisions
            .FirstOrDefault(r => r is { Running: true, Role: "serving" } && r.Version == serving.Version && r.Pid != serving.Pid), ct);
        var healMs = sinceKill.Elapsed.TotalMilliseconds;
        var lost = load.Failed - failedBefore;
        var clean = await UntilAsync(async () => await lane.DriftAsync(ct) is { Findings.Count: 0 } report ? report : null, ct);
        if (again is not null)
            console?.MarkupLine($"[green]healed:[/] {Render.Esc(again.Version)} serves again as pid {again.Pid}, {healMs:N0} ms after the kill; " +
                (clean is null ? "[red]drift still reported[/]" : "the next drift check finds nothing"));

        var errorsAfter = await TransportErrorsAsync(ct);
        console?.MarkupLine($"requests that failed through the region's edge meanwhile: {lost}; the edge's transport errors: " +
            Render.Esc(string.Join(", ", errorsAfter.Select(e => $"{e.Key}: {e.Value - errorsBefore.GetValueOrDefault(e.Key)}"))));
        const string expected = "drift found; started again; drift clean";
        var outcome = string.Join("; ", found is null ? "no drift found" : "drift found", again is null ? "not started again" : "started again",
            clean is null ? "drift still reported" : "drift clean");
        var step = new DemoStep("a killed revision: drift found and healed", expected, outcome, found?.Describe(), outcome == expected, watch.Elapsed.TotalSeconds);
        console?.MarkupLine(step.AsExpected ? "  [green]as expected[/]" : $"  [red]expected {expected}[/]");
        return new Result(step, lost, again is null ? double.NaN : healMs);
    }

    /// <summary>The edge's transport errors of the region, by revision: requests it sent that got no answer.</summary>
    private async Task<Dictionary<string, long>> TransportErrorsAsync(CancellationToken ct) =>
        (await lane.TrafficAsync(ct)).ToDictionary(t => t.Key, t => t.Value.TransportErrors);

    /// <summary>Looks every 100 ms (a drift check hashes the revision's files) until <paramref name="look"/> finds something; null after <see cref="Patience"/>.</summary>
    private static async Task<T?> UntilAsync<T>(Func<Task<T?>> look, CancellationToken ct)
        where T : class
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Patience)
        {
            if (await look() is { } found)
                return found;
            await Task.Delay(100, ct);
        }
        return null;
    }
}
