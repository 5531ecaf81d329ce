using Greenlight.Cli.Output;
using Spectre.Console;

namespace Greenlight.Cli.Demo;

internal static class DemoReport
{
    public static void Print(DemoSummary s)
    {
        Render.Heading(AnsiConsole.Console, "summary");
        AnsiConsole.Write(Steps(s.Steps));
        var numbers = new Table().AddColumns("measure", "value");
        numbers.AddRow("requests served through the edge", s.Requests.ToString("N0"));
        numbers.AddRow("failed requests (besides the faulty canary's own errors)", (s.FailedRequests == 0 ? "[green]" : "[red]") + s.FailedRequests + "[/]");
        numbers.AddRow("errors answered by the faulty canary before it was pulled", s.CanaryErrors.ToString("N0"));
        numbers.AddRow("answered by version", Render.Esc(string.Join(", ", s.ServedBy.OrderBy(v => v.Key).Select(v => $"{v.Key}: {v.Value:N0}"))));
        numbers.AddRow("switch to 2.0 (edge swap)", $"{s.FlipMs:0.0} ms");
        numbers.AddRow("rollback to 1.0 (request to swap)", $"{s.RollbackMs:0.0} ms");
        numbers.AddRow("canary pulled (verdict to last canary response)", $"{s.CanaryRollbackMs:0.0} ms");
        AnsiConsole.Write(numbers);
        foreach (var failure in s.Failures)
            AnsiConsole.MarkupLine($"[red]failed request:[/] {Render.Esc(failure)}");
        AnsiConsole.MarkupLine(s.Succeeded ? "[green]demo finished as expected; everything it started is stopped[/]" : "[red]demo did not go as expected[/]");
    }

    /// <summary>Each step of a demo: what was expected, how it ended and why.</summary>
    public static Table Steps(IEnumerable<DemoStep> steps)
    {
        var table = new Table().AddColumns("step", "expected", "outcome", "why (verdict and its numbers)", "seconds");
        foreach (var step in steps)
            table.AddRow(Render.Esc(step.Name), Render.Esc(step.Expected), (step.AsExpected ? "[green]" : "[red]") + Render.Esc(step.Outcome) + "[/]",
                Render.FirstLine(step.Verdict), $"{step.Seconds:0.0}");
        return table;
    }
}
