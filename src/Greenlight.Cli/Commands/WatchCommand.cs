using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Control;

namespace Greenlight.Cli.Commands;

/// <summary>`greenlight watch`: follows a release from another terminal, or again after `deploy` was stopped.</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("rollout")
        {
            Description = "Which release (default: the one in progress, else the newest still in its pipeline or queue)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("watch", "Follow a release: its log from the start, verdicts included, then how it ended, as `deploy` prints it")
        {
            id, Follow.ReconnectTimeout,
        };
        command.SetAction(async (result, ct) =>
        {
            var client = result.Connect();
            var rollout = result.GetValue(id) is { } named
                ? await client.GetAsync(named, ct)
                : InProgress(await client.GetAsync<StatusReport>("v1/status", ct));
            client.ReconnectFor = TimeSpan.FromSeconds(result.GetValue(Follow.ReconnectTimeout));
            return await Follow.RunAsync(client, rollout, RolloutFollower.Serving, result.IsJson(), ct);
        });
        return command;
    }

    /// <summary>As `abort` picks it: the release moving traffic now, else the newest one still waiting.</summary>
    private static Rollout InProgress(StatusReport status) =>
        status.Rollouts.FirstOrDefault(r => r.IsActive) ?? status.Rollouts.Where(r => r.IsWaiting).MaxBy(r => r.CreatedAt)
        ?? throw new CliException(ExitCodes.Rejected,
            $"no release of {status.App} is in progress; `greenlight watch <rollout>` prints a past one (`greenlight history` lists them)");
}
