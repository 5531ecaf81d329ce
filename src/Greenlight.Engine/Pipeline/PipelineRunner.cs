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
/// <param name="runners">The runner of each step kind; <see cref="StepRunners.For"/> unless a test brings its own.</param>
internal sealed class PipelineRunner(AppManifest manifest, string stateDirectory, TimeProvider time, SecretValues secrets, Func<StepAction, IStepRunner>? runners = null)
{
    private readonly Func<StepAction, IStepRunner> _runnerFor = runners ?? StepRunners.For;

    /// <summary>How long a step told to stop (at its timeout, or on abort) may take to wind down, e.g. to kill its
    /// process tree, before the run goes on without it.</summary>
    internal TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(5);

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
                if (log.Write(line))
                    observer.Output(result, line);
            });
            try
            {
                outcome = await RunWithinLimitsAsync(step, context, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Whatever a step throws (a rule file that does not parse, an unreadable lock file, a bug) fails that
                // step: passing it blind would let the release through unchecked, and the run must go on to record it.
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

    /// <summary>
    /// The step's outcome, or a failure at its timeout, for every kind of step. A step that does not stop when told
    /// (a check blocked in a read nothing can interrupt) is left behind after <see cref="Grace"/>: neither the run
    /// nor the lock on the working tree ever waits on it.
    /// </summary>
    private async Task<StepOutcome> RunWithinLimitsAsync(PipelineStep step, StepContext context, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(step.Timeout, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var running = _runnerFor(step.Action).RunAsync(step, context, stop.Token);
        try
        {
            return await running.WaitAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        StepOutcome? own = null;
        try
        {
            own = await running.WaitAsync(Grace, time, CancellationToken.None);
        }
        catch (Exception)
        {
            // Stopped as told, or still running after the grace: either way the limit decides the outcome.
        }
        ct.ThrowIfCancellationRequested();
        // A command reports its own timeout, saying what it killed.
        return own ?? new StepOutcome(false, $"timed out after {DurationText.Format(step.Timeout)} (step timeout)", []);
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
