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
        var command = new Command("rollback",
            "Abort the release in progress, or send all traffic back to the warm previous revision in one swap");
        command.SetAction((result, ct) => SendAsync(result, "v1/rollback", (_, now) => now.IsTerminal, ct));
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
        var id = new Argument<string?>("rollout") { Description = "Which release (default: the one in progress, else the newest still in its pipeline or queue)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("abort", "Stop a release; if users reached it, stable takes all traffic back in one swap") { id };
        command.SetAction((result, ct) => SendAsync(result,
            "v1/abort" + (result.GetValue(id) is { } rollout ? $"?id={Uri.EscapeDataString(rollout)}" : ""), (_, now) => now.IsTerminal, ct));
        return command;
    }

    private static async Task<int> SendAsync(ParseResult result, string path, Func<Rollout, Rollout, bool> done, CancellationToken ct)
    {
        var client = result.Connect();
        var accepted = await client.PostAsync<RequestAccepted>(path, null, ct);
        var code = await Follow.RunAsync(client, accepted.Rollout, now => done(accepted.Rollout, now), result.IsJson(), ct, accepted.RequestEventId);
        // The request was carried out (a completed rollback is success); how a release ends is for `deploy` to report.
        return code is ExitCodes.Failed or ExitCodes.RolledBack ? ExitCodes.Ok : code;
    }
}
