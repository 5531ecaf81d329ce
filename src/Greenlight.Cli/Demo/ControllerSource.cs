using Greenlight.Cli.Client;
using Greenlight.Core.Pipelines;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Control;
using Greenlight.Engine.State;

namespace Greenlight.Cli.Demo;

/// <summary>Reads rollouts straight from an in-process controller, so the demo prints what the CLI would.</summary>
internal sealed class ControllerSource(ReleaseController controller) : IRolloutSource
{
    public async Task<Rollout> GetAsync(string id, CancellationToken ct) => (await controller.GetRolloutAsync(id, ct))!;

    public Task<IReadOnlyList<RolloutEvent>> EventsAsync(string id, long afterId, CancellationToken ct) =>
        controller.GetEventsAsync(id, afterId, ct);

    public Task<PipelineRun?> PipelineAsync(string runId, CancellationToken ct) => controller.Pipelines.GetAsync(runId, ct);

    public Task<(string Text, long Next)> PipelineLogAsync(string runId, int step, long offset, CancellationToken ct) =>
        controller.Pipelines.ReadLogAsync(runId, step, offset, ct);
}
