using Greenlight.Cli.Output;
using Spectre.Console;

namespace Greenlight.Cli.Demo.Waves;

internal static class WavesReport
{
    public static void Print(WavesSummary s)
    {
        Render.Heading(AnsiConsole.Console, "summary");
        AnsiConsole.Write(DemoReport.Steps(s.Steps));
        var regions = new Table().AddColumns("region", "requests", "failed (besides the two below)", "500s of the faulty 2.2", "failed while its revision was killed and repaired", "answered by version");
        foreach (var r in s.Regions)
            regions.AddRow(Render.Esc(r.Region), r.Requests.ToString("N0"), (r.FailedRequests == 0 ? "[green]" : "[red]") + r.FailedRequests + "[/]",
                r.FaultyErrors.ToString("N0"), r.LostToKill.ToString("N0"),
                Render.Esc(string.Join(", ", r.ServedBy.OrderBy(v => v.Key).Select(v => $"{v.Key}: {v.Value:N0}"))));
        AnsiConsole.Write(regions);
        var numbers = new Table().AddColumns("measure", "value");
        numbers.AddRow("requests served through the four edges", s.Requests.ToString("N0"));
        numbers.AddRow("failed requests (besides the faulty revision's own errors and the kill's)", (s.FailedRequests == 0 ? "[green]" : "[red]") + s.FailedRequests + "[/]");
        numbers.AddRow("bake verdict to the one-box back on 1.0 (edge swap)", $"{s.BakeRollbackMs:0.0} ms");
        numbers.AddRow("kill to the revision serving again (repair)", $"{s.DriftHealMs:N0} ms");
        numbers.AddRow("demo", $"{s.Seconds:0.0} s");
        AnsiConsole.Write(numbers);
        foreach (var failure in s.FailedRequests == 0 ? [] : s.Failures)
            AnsiConsole.MarkupLine($"[red]failed request:[/] {Render.Esc(failure)}");
        AnsiConsole.MarkupLine(s.Succeeded ? "[green]demo finished as expected; everything it started is stopped[/]" : "[red]demo did not go as expected[/]");
    }
}
