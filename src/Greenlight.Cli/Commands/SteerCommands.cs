using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Control;

namespace Greenlight.Cli.Commands;

/// <summary>`rollback`, `promote` and `abort`: steer a release, then show what it did about it.</summary>
internal static class SteerCommands
{
    public static Command Rollback()
    {
        var id = new Argument<string?>("release")
        {
            Description = "An app with environments: the release (rs-…) that ended halted or failed (default: the app's newest)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("rollback",
            "Abort the release in progress, or send all traffic back to the warm previous revision in one swap; for an app with "
            + "environments, return every region a halted or failed release left on its version to the previous revision")
        {
            id, Reason,
        };
        command.SetAction(async (result, ct) =>
        {
            var client = result.Connect();
            var named = result.GetValue(id);
            if (await EnvironmentApps.ReleaseAsync(client, named, r => r.FirstOrDefault(),
                    app => $"{app} has no release yet: nothing to roll back", ct) is { } release)
                return await ReleaseSteering.SendAsync(client, release, "rollback", result.GetValue(Reason), result.IsJson(), ct);
            if (named is not null)
                throw new CliException(ExitCodes.Rejected,
                    $"{named} is no release (rs-…): `greenlight rollback` of an app without environments takes no argument; `greenlight abort {named}` stops a rollout");
            return await SendAsync(NoReason(result), "v1/rollback", (_, now) => now.IsTerminal, ct);
        });
        return command;
    }

    public static Command Promote()
    {
        var full = new Option<bool>("--full") { Description = "Skip every step left and promote to 100% now" };
        var command = new Command("promote", "End the current canary step now (a pause or an analysis), or all of them with --full") { full };
        command.SetAction((result, ct) => SendAsync(result, $"v1/promote?full={result.GetValue(full).ToString().ToLowerInvariant()}",
            (before, now) => now.IsSettled || now.Phase != before.Phase || now.StepIndex != before.StepIndex, ct));
        return command;
    }

    public static Command Abort()
    {
        var id = new Argument<string?>("id")
        {
            Description = "A release (rs-…) or rollout (rl-…); default: the one in progress, else the newest still in its pipeline or queue",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("abort", "Stop a release; if users reached it, stable takes all traffic back in one swap, in every region it reached") { id, Reason };
        command.SetAction(async (result, ct) =>
        {
            var client = result.Connect();
            if (await EnvironmentApps.ReleaseAsync(client, result.GetValue(id), ReleaseSteering.InProgress,
                    app => $"no release of {app} is in progress; `greenlight history --app {app}` lists its releases", ct) is { } release)
                return await ReleaseSteering.SendAsync(client, release, "abort", result.GetValue(Reason), result.IsJson(), ct);
            return await SendAsync(NoReason(result),
                "v1/abort" + (result.GetValue(id) is { } rollout ? $"?id={Uri.EscapeDataString(rollout)}" : ""), (_, now) => now.IsTerminal, ct);
        });
        return command;
    }

    private static readonly Option<string?> Reason = new("--reason") { Description = "Why; recorded on the release (apps with environments)" };

    /// <summary>A rollout records who asked, not why: a reason given for one would be lost, so it is refused.</summary>
    private static ParseResult NoReason(ParseResult result) => result.GetValue(Reason) is null ? result
        : throw new CliException(ExitCodes.Rejected, "--reason is recorded on releases of apps with environments (rs-…); this is a rollout of an app without environments");

    private static async Task<int> SendAsync(ParseResult result, string path, Func<Rollout, Rollout, bool> done, CancellationToken ct)
    {
        var client = result.Connect();
        var accepted = await client.PostAsync<RequestAccepted>(path, null, ct);
        var code = await Follow.RunAsync(client, accepted.Rollout, now => done(accepted.Rollout, now), result.IsJson(), ct, accepted.RequestEventId);
        // The request was carried out (a completed rollback is success); how a release ends is for `deploy` to report.
        return code is ExitCodes.Failed or ExitCodes.RolledBack ? ExitCodes.Ok : code;
    }
}
