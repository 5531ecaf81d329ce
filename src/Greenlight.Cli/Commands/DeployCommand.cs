using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Delivery;
using Greenlight.Core.Manifest;
using Greenlight.Engine.Delivery;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Sources;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

internal static class DeployCommand
{
    public static Command Create()
    {
        var version = new Argument<string>("version") { Description = "The version to release, e.g. 2.4.1" };
        var hotfix = new Option<bool>("--hotfix") { Description = "Go before every release waiting for the app (the pipeline and gates are the same)" };
        var build = new Option<string?>("--build") { Description = "A passed `greenlight pipeline run` of this very commit: skip running the pipeline again" };
        var overrideWindow = new Option<string?>("--override-window")
        {
            Description = "With --hotfix: start its waves while a deployment window is closed, for this reason (recorded on the release)",
        };
        var environment = new Option<string?>("--env")
        {
            Description = "Enter this environment instead of the first (only a version and manifest that passed the one before may)",
        };
        var command = new Command("deploy", "Release a version: run the pipeline, start it beside the current one, verify, switch traffic")
        {
            version, hotfix, build, environment, overrideWindow, Follow.ReconnectTimeout,
        };
        command.SetAction(async (result, ct) =>
        {
            // The release carries the manifest as it is now; a broken one is refused here, before anything is asked.
            var read = await ManifestFile.ReadAsync(ManifestReport.Load(result).SourceFile!, ct);
            var manifest = read.Snapshot ?? throw new ManifestException(read.Errors);
            var client = result.Connect();
            client.ReconnectFor = TimeSpan.FromSeconds(result.GetValue(Follow.ReconnectTimeout));
            if (!Lanes.IsImplicit(manifest.Manifest!))
            {
                if (result.GetValue(build) is { } verified)
                    throw new CliException(ExitCodes.Rejected,
                        $"--build {verified}: an app with environments runs its pipeline once per release, before its first environment; --build is not supported for it yet. Nothing was released");
                return await ReleaseAsync(client, result, manifest, result.GetValue(version)!, result.GetValue(hotfix), result.GetValue(environment),
                    result.GetValue(overrideWindow), ct);
            }
            if (result.GetValue(overrideWindow) is not null)
                throw new CliException(ExitCodes.Rejected, $"--override-window: {manifest.File} declares no environments, so no deployment window");
            if (result.GetValue(environment) is { } named)
                throw new CliException(ExitCodes.Rejected, $"--env {named}: {manifest.File} declares no environments");
            var rollout = await client.PostAsync<Rollout>("v1/deployments", new
            {
                version = result.GetValue(version), hotfix = result.GetValue(hotfix), build = result.GetValue(build),
                manifest = new { text = manifest.Text, file = manifest.File, commit = manifest.Commit, uncommitted = manifest.Uncommitted, committedAt = manifest.CommittedAt },
            }, ct);
            return await Follow.RunAsync(client, rollout, RolloutFollower.Serving, result.IsJson(), ct);
        });
        return command;
    }

    /// <summary>An app with environments: the release travels through them, shown as it goes and as a matrix at the end.</summary>
    private static async Task<int> ReleaseAsync(ControllerClient client, ParseResult result, ManifestSnapshot manifest, string version, bool hotfix,
        string? environment, string? overrideWindow, CancellationToken ct)
    {
        // The commit's author cannot approve the release where preventSelfReview holds: the server is told who it is.
        var author = await ManifestFile.AuthorAsync(manifest, ct);
        var release = await client.PostAsync<Release>("v1/releases", new
        {
            version, hotfix, environment, overrideWindow,
            manifest = new
            {
                text = manifest.Text, file = manifest.File, commit = manifest.Commit, uncommitted = manifest.Uncommitted,
                committedAt = manifest.CommittedAt, authorName = author?.Name, authorEmail = author?.Email,
            },
        }, ct);
        if (!result.IsJson())
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(release.App)}[/] {Markup.Escape(version)} — release {release.Id} into {Markup.Escape(release.Entry)}");
        return await ReleaseFollower.RunAsync(client, release.Id, result.IsJson(), ct);
    }
}

/// <summary>Shared by deploy and rollback: stream the log, then print the outcome and map it to an exit code.</summary>
internal static class Follow
{
    public static readonly Option<int> ReconnectTimeout = new("--reconnect-timeout")
    {
        Description = "Seconds to wait for a controller that stops answering while the release is followed (restarted, say); 0 gives up at once",
        DefaultValueFactory = _ => 120,
    };

    public static async Task<int> RunAsync(ControllerClient client, Rollout rollout, Func<Rollout, bool> done, bool json, CancellationToken ct, long fromEventId = 1)
    {
        var follower = new RolloutFollower(client, json ? null : AnsiConsole.Console, TimeProvider.System);
        if (!json)
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(rollout.App)}[/] {Markup.Escape(rollout.Version)} — rollout {rollout.Id}");
        var final = await follower.FollowAsync(rollout.Id, done, ct, fromEventId);
        // The pipeline run is part of the release record: what passed, and the findings that stopped it.
        var pipeline = final.PipelineRunId is { } runId ? await client.PipelineAsync(runId, ct) : null;
        if (json)
            CommonOptions.WriteJson(new { rollout = final, events = follower.Events, pipeline });
        else
        {
            if (pipeline?.FailedStep is not null)
                PipelineRender.Write(AnsiConsole.Console, pipeline);
            AnsiConsole.MarkupLine(Render.Outcome(final));
        }
        return final.Phase switch
        {
            RolloutPhase.Failed => ExitCodes.Failed,
            RolloutPhase.RolledBack => ExitCodes.RolledBack,
            _ => ExitCodes.Ok,
        };
    }
}
