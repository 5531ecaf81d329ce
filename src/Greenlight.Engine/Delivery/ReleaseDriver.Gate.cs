using Greenlight.Core.Delivery;

namespace Greenlight.Engine.Delivery;

internal sealed partial class ReleaseDriver
{
    /// <summary>The pipeline runs once per release, before the first environment; every region's rollout then skips it.</summary>
    private async Task<bool> GateAsync(CancellationToken ct)
    {
        var pipeline = ctx.Manifest.Manifest!.Pipeline;
        if (pipeline is null || State.IsTerminal)
            return !State.IsTerminal;
        var runId = State.PipelineRunId;
        if (runId is null)
        {
            runId = Pipeline.PipelineService.NewRunId();
            await SaveAsync(r => r with { PipelineRunId = runId }, [$"pipeline run {runId} gates the release"], ct);
        }
        var run = await ctx.Pipelines.GetAsync(runId, ct);
        if (run is null)
            run = await ctx.Pipelines.RunAsync(runId, State.Version, new Pipeline.ReleaseLogObserver(ctx.Store, State.Id), ct);
        if (run.Status == Core.Pipelines.PipelineStatus.Passed)
            return true;
        var why = run.FailedStep is { } failed ? $"pipeline step {failed.Name} failed: {failed.Reason}" : $"pipeline run {runId} did not pass ({run.Status})";
        await SaveAsync(r => r with { Phase = ReleasePhase.Failed, Reason = why }, [$"release failed before any environment: {why}"], ct);
        return false;
    }
}
