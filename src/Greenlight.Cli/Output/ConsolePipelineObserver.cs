using Greenlight.Core.Pipelines;
using Greenlight.Engine.Pipeline;
using Spectre.Console;

namespace Greenlight.Cli.Output;

/// <summary>`greenlight pipeline run` live: each step's start, its output line by line, its result.</summary>
internal sealed class ConsolePipelineObserver(IAnsiConsole console) : IPipelineObserver
{
    private readonly Lock _lock = new();

    public void Waiting() => Print("[grey]waiting for the pipeline run in progress (a release's, or another terminal's) to finish …[/]");

    public void StepStarted(StepResult step) => Print($"[bold]▶ {Render.Esc(step.Name)}[/] [grey]({step.Kind})[/]");

    public void Output(StepResult step, string line) => Print($"    [grey]{Render.Esc(step.Step)} │[/] {Render.Esc(line)}");

    public void StepFinished(StepResult step) =>
        Print($"{PipelineRender.Status(step.Status)} {Render.Esc(step.Name)} [grey]({step.DurationMs / 1000:0.0} s)[/]"
            + (step.Tests is { } t ? $" {t}" : "") + (step.Reason is { } r ? $": {Render.Esc(r)}" : ""));

    // stdout and stderr of a step arrive on two threads. A step's output is a log (a finding per line, a compiler's
    // file(line,col): error), and a step's reason quotes its first finding: folding them would split them.
    private void Print(string markup)
    {
        lock (_lock)
            console.MarkupWholeLine(markup);
    }
}
