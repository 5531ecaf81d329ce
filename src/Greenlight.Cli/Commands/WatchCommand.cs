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
        var id = new Argument<string?>("id")
        {
            Description = "A release (rs-…) or rollout (rl-…); default: the one in progress, else the newest still in its pipeline or queue",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("watch", "Follow a release: its log from the start, verdicts included, then how it ended (for an app with environments, its matrix), as `deploy` prints it")
        {
            id, Follow.ReconnectTimeout,
        };
        command.SetAction(async (result, ct) =>
        {
            var client = result.Connect();
            var reconnect = TimeSpan.FromSeconds(result.GetValue(Follow.ReconnectTimeout));
            if (await EnvironmentApps.ReleaseAsync(client, result.GetValue(id), ReleaseSteering.InProgress,
                    app => $"no release of {app} is in progress; `greenlight watch <release>` prints a past one (`greenlight history --app {app}` lists them)", ct) is { } release)
            {
                client.ReconnectFor = reconnect;
                return await ReleaseFollower.RunAsync(client, release, result.IsJson(), ct);
            }
            var rollout = result.GetValue(id) is { } named
                ? await client.GetAsync(named, ct)
                : InProgress(await client.GetAsync<StatusReport>("v1/status", ct));
            client.ReconnectFor = reconnect;
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
