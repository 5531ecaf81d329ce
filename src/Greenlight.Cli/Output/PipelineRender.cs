using Greenlight.Core.Pipelines;
using Spectre.Console;

namespace Greenlight.Cli.Output;

/// <summary>A pipeline run as a table of its steps, then what stopped it.</summary>
internal static class PipelineRender
{
    public static void Write(IAnsiConsole console, PipelineRun run)
    {
        var table = new Table().AddColumns("step", "kind", "status", "took", "tests");
        foreach (var step in run.Steps)
        {
            var ran = step.Status is not (StepStatus.Pending or StepStatus.Skipped);
            table.AddRow(Render.Esc(step.Name), step.Kind, Status(step.Status), ran ? $"{step.DurationMs / 1000:0.0} s" : "-",
                step.Tests is { } t ? $"{t.Passed}/{t.Total} passed" + (t.Failed > 0 ? $", [red]{t.Failed} failed[/]" : "") : "-");
        }
        console.Write(table);
        if (run.Steps.Count > 0)
            console.MarkupLine($"[grey]each step's full output: {Render.Esc(Path.GetRelativePath(Environment.CurrentDirectory, Path.GetDirectoryName(run.Steps[0].Log)!))}/[/]");
        if (run.FailedStep is { } failed)
        {
            console.MarkupWholeLine($"[red]✘ {Render.Esc(failed.Name)} failed[/]: {Render.Esc(failed.Reason)}");
            foreach (var finding in failed.Findings)
                console.MarkupWholeLine($"    {Render.Esc(finding)}");
        }
        else if (run.Status == PipelineStatus.Passed)
            console.MarkupLine($"[green]✔ pipeline {run.Id} passed[/]" + (run.Source is { } source ? $" on {Render.Esc(source)}: `greenlight deploy <version> --build {run.Id}` skips the pipeline for this build" : ""));
    }

    public static string Status(StepStatus status) => status switch
    {
        StepStatus.Passed => "[green]✔ passed[/]",
        StepStatus.Failed => "[red]✘ failed[/]",
        StepStatus.Running => "[blue]running[/]",
        _ => $"[grey]{status.ToString().ToLowerInvariant()}[/]",
    };
}
