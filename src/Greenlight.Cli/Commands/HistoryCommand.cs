using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Rollouts;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

internal static class HistoryCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit", "-n") { Description = "How many releases, newest first", DefaultValueFactory = _ => 20 };
        var command = new Command("history", "Past releases, newest first: rollouts, or for an app with environments its releases with each region's outcome") { limit };
        command.SetAction(async (result, ct) =>
        {
            var client = result.Connect();
            if (await EnvironmentApps.OfAsync(client, ct) is { } app)
            {
                var releases = await EnvironmentApps.ReleasesAsync(client, app, result.GetValue(limit), ct);
                if (result.IsJson())
                    CommonOptions.WriteJson(releases);
                else
                    ReleaseRender.History(AnsiConsole.Console, releases);
                return ExitCodes.Ok;
            }
            var rollouts = await client.GetAsync<List<Rollout>>($"v1/rollouts?limit={result.GetValue(limit)}", ct);
            if (result.IsJson())
            {
                CommonOptions.WriteJson(rollouts);
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("rollout", "version", "manifest", "from", "phase", "pipeline", "started", "flipped", "verdict", "reason");
            foreach (var r in rollouts)
                table.AddRow(r.Id, Render.Esc(r.RevisionName) + (r.Hotfix ? " [yellow]hotfix[/]" : ""), Render.Digest(r.ManifestDigest), Render.Esc(r.Stable), Render.Phase(r.Phase), Render.Esc(r.PipelineRunId),
                    Render.Time(r.CreatedAt), Render.Time(r.FlippedAt), Render.VerdictBrief(r.LastVerdict), Render.FirstLine(r.Reason));
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
