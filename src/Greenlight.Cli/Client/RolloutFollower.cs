using Greenlight.Core.Pipelines;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.State;
using Spectre.Console;

namespace Greenlight.Cli.Client;

/// <summary>Where a rollout's state and log are read from: the controller's API, or the controller itself in the demo.</summary>
internal interface IRolloutSource
{
    Task<Rollout> GetAsync(string id, CancellationToken ct);

    Task<IReadOnlyList<RolloutEvent>> EventsAsync(string id, long afterId, CancellationToken ct);

    Task<PipelineRun?> PipelineAsync(string runId, CancellationToken ct);

    /// <summary>Whole lines of a pipeline step's output (1-based step) from a byte offset, and the next offset.</summary>
    Task<(string Text, long Next)> PipelineLogAsync(string runId, int step, long offset, CancellationToken ct);
}

/// <summary>Prints a rollout's log as it happens until the rollout reaches a phase the caller waits for.</summary>
internal sealed class RolloutFollower(IRolloutSource source, IAnsiConsole? console, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private long _after;
    private PipelineTail? _tail;

    public List<RolloutEvent> Events { get; } = [];

    /// <param name="fromEventId">The first event to print; earlier ones belong to another command.</param>
    public async Task<Rollout> FollowAsync(string id, Func<Rollout, bool> done, CancellationToken ct, long fromEventId = 1)
    {
        _after = fromEventId - 1;
        while (true)
        {
            var rollout = await source.GetAsync(id, ct);
            // Made before the first events are printed: a pipeline over by now still has its output to show.
            if (console is not null && rollout.PipelineRunId is { } runId)
                _tail ??= new PipelineTail(source, console, runId);
            await PrintNewEventsAsync(id, ct);
            await TailPipelineAsync(rollout, ct);
            if (done(rollout))
            {
                await PrintNewEventsAsync(id, ct);
                return rollout;
            }
            await Task.Delay(PollInterval, time, ct);
        }
    }

    /// <summary>While the release's pipeline runs, its steps' output is printed as it comes.</summary>
    private async Task TailPipelineAsync(Rollout rollout, CancellationToken ct)
    {
        if (_tail is not null && rollout.Phase == RolloutPhase.Gating)
            await _tail.PrintNewAsync(ct);
    }

    private async Task PrintNewEventsAsync(string id, CancellationToken ct)
    {
        var fresh = await source.EventsAsync(id, _after, ct);
        foreach (var e in fresh)
        {
            // A step's output comes before its result, however both arrived.
            if (_tail is not null)
                await _tail.PrintThroughAsync(e.Message, ct);
            Events.Add(e);
            _after = e.Id;
            var took = e.DurationMs is { } ms ? $" [grey]({ms:0.#} ms)[/]" : "";
            console?.MarkupLine($"  [grey]{e.At.ToLocalTime():HH:mm:ss.fff}[/]  {Markup.Escape(e.Message)}{took}");
        }
    }

    public static bool Serving(Rollout r) => r.IsSettled;

    public static bool Ended(Rollout r) => r.IsTerminal;
}
