using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Delivery;

namespace Greenlight.Cli.Commands;

/// <summary>`greenlight promote-release`: a release that passed an environment enters the next one on command.</summary>
internal static class PromoteReleaseCommand
{
    public static Command Create()
    {
        var release = new Argument<string>("release") { Description = "The release (rs-…), as `deploy` printed it" };
        var to = new Option<string>("--to") { Description = "The environment to promote it into", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why, recorded on the release" };
        var command = new Command("promote-release", "Promote a release into the next environment once it passed the one before (manual promotion)")
        {
            release, to, reason,
        };
        command.SetAction(async (result, ct) =>
        {
            var client = result.Connect();
            var id = Uri.EscapeDataString(result.GetValue(release)!);
            var query = $"to={Uri.EscapeDataString(result.GetValue(to)!)}" + (result.GetValue(reason) is { } why ? $"&reason={Uri.EscapeDataString(why)}" : "");
            await client.PostAsync<Release>($"v1/releases/{id}/promote?{query}", null, ct);
            return await ReleaseFollower.RunAsync(client, result.GetValue(release)!, result.IsJson(), ct);
        });
        return command;
    }
}
