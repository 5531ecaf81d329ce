using Greenlight.Cli.Output;
using Greenlight.Core.Pipelines;
using Spectre.Console;

namespace Greenlight.Cli.Client;

/// <summary>Prints the output of a pipeline run's steps as they write it, each step from where the last look stopped.</summary>
internal sealed class PipelineTail(IRolloutSource source, IAnsiConsole console, string runId)
{
    private readonly Dictionary<int, long> _offsets = [];
    private PipelineRun? _run;

    /// <summary>The output so far of every step that started.</summary>
    public async Task PrintNewAsync(CancellationToken ct)
    {
        _run = await source.PipelineAsync(runId, ct);
        for (var i = 0; i < (_run?.Steps.Count ?? 0); i++)
            if (_run!.Steps[i].Status is not (StepStatus.Pending or StepStatus.Skipped))
                await PrintStepAsync(i, ct);
    }

    /// <summary>Before a step's result in the release log: the rest of its output, and of the steps before it.</summary>
    public async Task PrintThroughAsync(string releaseLogMessage, CancellationToken ct)
    {
        if (!releaseLogMessage.StartsWith("pipeline step ", StringComparison.Ordinal))
            return;
        _run ??= await source.PipelineAsync(runId, ct);
        var steps = _run?.Steps ?? [];
        var index = steps.ToList().FindLastIndex(s => releaseLogMessage.StartsWith($"pipeline step {s.Name} ", StringComparison.Ordinal));
        for (var i = 0; i <= index; i++)
            await PrintStepAsync(i, ct);
    }

    private async Task PrintStepAsync(int index, CancellationToken ct)
    {
        var (text, next) = await source.PipelineLogAsync(runId, index + 1, _offsets.GetValueOrDefault(index), ct);
        _offsets[index] = next;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            console.MarkupWholeLine($"    [grey]{Markup.Escape(_run!.Steps[index].Step)} │[/] {Markup.Escape(line)}");
    }
}
