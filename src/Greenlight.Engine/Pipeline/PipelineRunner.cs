using System.Diagnostics;
using Greenlight.Core.Manifest;
using Greenlight.Core.Pipelines;
using Greenlight.Core.Secrets;
using Greenlight.Scanning.Secrets;

namespace Greenlight.Engine.Pipeline;

/// <summary>
/// Runs the stages of a pipeline in order and stops at the first failed step: the steps after it are skipped, and
/// the run fails. Every change of the run (a step starting, a step ending) is saved before the run goes on, so that
/// the release record shows the run as it is, also when the controller stops in the middle.
/// </summary>
internal sealed class PipelineRunner(AppManifest manifest, string stateDirectory, TimeProvider time, SecretValues secrets)
{
    // A build that prints its environment or a test that logs a token must not put the secret in a log: every
    // output line is masked, by value for the secrets the controller knows, then with the default secret rules,
    // before it is written or shown.
    private readonly SecretScanner _masker = new();

    public async Task<PipelineRun> RunAsync(PipelineRun run, IPipelineObserver observer, Func<PipelineRun, Task> save, CancellationToken ct)
    {
        var steps = manifest.Pipeline!.Steps.ToList();
        run = run with { Steps = steps.Select((s, i) => Pending(run.Id, i, s.Stage, s.Step)).ToList() };
        await save(run);
        for (var i = 0; i < steps.Count; i++)
        {
            var (stage, step) = steps[i];
            var result = run.Steps[i] with { Status = StepStatus.Running };
            run = await SaveStepAsync(run, i, result, save);
            observer.StepStarted(result);
            var finished = await RunStepAsync(step, result, observer, ct);
            run = await SaveStepAsync(run, i, finished, save);
            observer.StepFinished(finished);
            if (finished.Status == StepStatus.Failed)
                return await FinishAsync(run with { Steps = run.Steps.Select(s => s.Status == StepStatus.Pending ? s with { Status = StepStatus.Skipped } : s).ToList() }, PipelineStatus.Failed, save);
        }
        return await FinishAsync(run, PipelineStatus.Passed, save);
    }

    private async Task<StepResult> RunStepAsync(PipelineStep step, StepResult result, IPipelineObserver observer, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        StepOutcome outcome;
        using (var log = new StepLog(result.Log))
        {
            var context = new StepContext(manifest, time, line =>
            {
                line = _masker.Redact(secrets.Apply(line));
                log.Write(line);
                observer.Output(result, line);
            });
            try
            {
                outcome = await StepRunners.For(step.Action).RunAsync(step, context, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // A check that cannot run (a rule file that does not parse, an unreadable lock file) fails the step:
                // passing it blind would let the release through unchecked.
                outcome = new StepOutcome(false, e.Message, []);
                context.Output($"error: {e.Message}");
            }
        }
        return result with
        {
            Status = outcome.Passed ? StepStatus.Passed : StepStatus.Failed,
            DurationMs = watch.Elapsed.TotalMilliseconds,
            ExitCode = outcome.ExitCode,
            Tests = outcome.Tests,
            Findings = outcome.Findings.Select(f => secrets.Apply(f)).ToList(),
            Reason = secrets.Apply(outcome.Reason),
        };
    }

    private static async Task<PipelineRun> SaveStepAsync(PipelineRun run, int index, StepResult step, Func<PipelineRun, Task> save)
    {
        var steps = run.Steps.ToList();
        steps[index] = step;
        run = run with { Steps = steps };
        await save(run);
        return run;
    }

    private async Task<PipelineRun> FinishAsync(PipelineRun run, PipelineStatus status, Func<PipelineRun, Task> save)
    {
        run = run with { Status = status, FinishedAt = time.GetUtcNow() };
        await save(run);
        return run;
    }

    private StepResult Pending(string runId, int index, PipelineStage stage, PipelineStep step) =>
        new(stage.Name, step.Name, step.Action.Kind, StepStatus.Pending, 0, null, null, [], LogPath(runId, index, stage, step), null);

    private string LogPath(string runId, int index, PipelineStage stage, PipelineStep step) =>
        Path.Combine(stateDirectory, "pipelines", runId, $"{index + 1:00}-{stage.Name}-{step.Name}.log");
}
