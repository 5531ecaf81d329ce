using Greenlight.Core.Rollouts;
using Greenlight.Engine.State;
using Spectre.Console;

namespace Greenlight.Cli.Client;

/// <summary>Where a rollout's state and log are read from: the controller's API, or the controller itself in the demo.</summary>
internal interface IRolloutSource
{
    Task<Rollout> GetAsync(string id, CancellationToken ct);

    Task<IReadOnlyList<RolloutEvent>> EventsAsync(string id, long afterId, CancellationToken ct);
}

/// <summary>Prints a rollout's log as it happens until the rollout reaches a phase the caller waits for.</summary>
internal sealed class RolloutFollower(IRolloutSource source, IAnsiConsole? console, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private long _after;

    public List<RolloutEvent> Events { get; } = [];

    /// <param name="fromEventId">The first event to print; earlier ones belong to another command.</param>
    public async Task<Rollout> FollowAsync(string id, Func<Rollout, bool> done, CancellationToken ct, long fromEventId = 1)
    {
        _after = fromEventId - 1;
        while (true)
        {
            var rollout = await source.GetAsync(id, ct);
            await PrintNewEventsAsync(id, ct);
            if (done(rollout))
            {
                await PrintNewEventsAsync(id, ct);
                return rollout;
            }
            await Task.Delay(PollInterval, time, ct);
        }
    }

    private async Task PrintNewEventsAsync(string id, CancellationToken ct)
    {
        var fresh = await source.EventsAsync(id, _after, ct);
        foreach (var e in fresh)
        {
            Events.Add(e);
            _after = e.Id;
            var took = e.DurationMs is { } ms ? $" [grey]({ms:0.#} ms)[/]" : "";
            console?.MarkupLine($"  [grey]{e.At.ToLocalTime():HH:mm:ss.fff}[/]  {Markup.Escape(e.Message)}{took}");
        }
    }

    public static bool Serving(Rollout r) => r.IsSettled;

    public static bool Ended(Rollout r) => r.IsTerminal;
}
