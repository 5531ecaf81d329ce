using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Engine.Control;

namespace Greenlight.Cli.Commands;

internal static class RollbackCommand
{
    public static Command Create()
    {
        var command = new Command("rollback",
            "Abort the release in progress, or send all traffic back to the warm previous revision in one swap");
        command.SetAction(async (result, ct) =>
        {
            var client = ControllerClient.Connect(result.GetValue(CommonOptions.File)!.FullName);
            var accepted = await client.PostAsync<RollbackAccepted>("v1/rollback", null, ct);
            var code = await Follow.RunAsync(client, accepted.Rollout, RolloutFollower.Ended, result.IsJson(), ct, accepted.RequestEventId);
            // For this command a completed rollback is success.
            return code == Output.ExitCodes.RolledBack || code == Output.ExitCodes.Failed ? Output.ExitCodes.Ok : code;
        });
        return command;
    }
}
