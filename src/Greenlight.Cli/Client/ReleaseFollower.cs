using Greenlight.Cli.Output;
using Greenlight.Core.Delivery;
using Greenlight.Engine.State;
using Spectre.Console;

namespace Greenlight.Cli.Client;

/// <summary>Where a release's state and log are read from: the controller's API, or its delivery path itself in the demo.</summary>
internal interface IReleaseSource
{
    Task<Release> GetReleaseAsync(string id, CancellationToken ct);

    Task<IReadOnlyList<RolloutEvent>> ReleaseEventsAsync(string id, long afterId, CancellationToken ct);
}

/// <summary>
/// Follows a release through its environments: prints its log as it grows (each stage, wave, region, bake and soak)
/// until it ends or waits for something no command here gives (a manual promotion, a deployment window), then its matrix.
/// </summary>
internal sealed class ReleaseFollower(IReleaseSource source, IAnsiConsole? console)
{
    public List<RolloutEvent> Events { get; } = [];

    /// <summary>Shared by deploy, promote-release, watch, abort and rollback: follow the release, print its matrix and outcome
    /// (or JSON), map the outcome to an exit code (by default 0 completed or waiting, 4 rolled back, 3 failed, halted or cancelled).</summary>
    /// <param name="after">The last event already seen: later ones are printed (0: the whole log).</param>
    /// <param name="exit">The exit code of a final phase, for a command whose success is another one (a requested rollback).</param>
    public static async Task<int> RunAsync(ControllerClient client, string id, bool json, CancellationToken ct, long after = 0, Func<ReleasePhase, int>? exit = null)
    {
        var follower = new ReleaseFollower(client, json ? null : AnsiConsole.Console);
        var final = await follower.FollowAsync(id, ct, after);
        if (json)
            Commands.CommonOptions.WriteJson(new { release = final, events = follower.Events });
        else
        {
            ReleaseRender.Matrix(AnsiConsole.Console, final);
            AnsiConsole.MarkupLine(ReleaseRender.Outcome(final));
        }
        return exit?.Invoke(final.Phase) ?? final.Phase switch
        {
            ReleasePhase.Completed or ReleasePhase.Running => ExitCodes.Ok,
            ReleasePhase.RolledBack => ExitCodes.RolledBack,
            _ => ExitCodes.Failed,
        };
    }

    public async Task<Release> FollowAsync(string id, CancellationToken ct, long after = 0)
    {
        while (true)
        {
            var release = await source.GetReleaseAsync(id, ct);
            foreach (var e in await source.ReleaseEventsAsync(id, after, ct))
            {
                Events.Add(e);
                after = e.Id;
                console?.MarkupLine($"[grey]{e.At.ToLocalTime():HH:mm:ss}[/] {Render.Esc(e.Message)}");
            }
            if (release.IsTerminal || Waits(release))
                return release;
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    /// <summary>Nothing happens until someone promotes it or its window opens: following it longer would only wait.</summary>
    public static bool Waits(Release release) =>
        release.Stages.Any(s => s.Phase is StagePhase.AwaitingPromotion or StagePhase.AwaitingApproval or StagePhase.Waiting)
        && !release.Stages.Any(s => s.Phase is StagePhase.Rolling or StagePhase.Baking or StagePhase.Soaking or StagePhase.RollingBack);
}
