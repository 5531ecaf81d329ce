using Greenlight.Core.Pipelines;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Pipeline;

/// <summary>
/// Writes a gating pipeline's progress into the release's own log: each step's result. The output itself stays in
/// the step's log file, which `greenlight deploy` follows through the API while the step runs, and prints before
/// the step's result line.
/// </summary>
internal sealed class ReleaseLogObserver(IStateStore store, string rolloutId) : IPipelineObserver
{
    public void Waiting() => Append("waiting for another run of the pipeline to finish: runs share the app's working tree", null);

    // The step's output, printed live, says it started.
    public void StepStarted(StepResult step) { }

    // The output belongs in the step's log file: thousands of build lines would bury the release's own log.
    public void Output(StepResult step, string line) { }

    public void StepFinished(StepResult step) => Append(Describe(step), step.DurationMs);

    public static string Describe(StepResult step) =>
        $"pipeline step {step.Name} {step.Status.ToString().ToLowerInvariant()}"
        + (step.Tests is { } t ? $" ({t})" : "")
        + (step.Reason is { } r ? $": {r}" : "");

    // Step boundaries are rare and the log write is short: waiting for it keeps the release log in order.
    private void Append(string message, double? ms) => store.AppendEventAsync(rolloutId, message, ms, CancellationToken.None).GetAwaiter().GetResult();
}
