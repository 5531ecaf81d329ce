using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Manifest;
using Greenlight.Engine.Teardown;
using Greenlight.Providers.Targets;
using Greenlight.Providers.Traffic.Edge;
using Greenlight.Server.Down;
using Greenlight.Server.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Cli.Commands;

/// <summary>`greenlight down`: stops what the manifest's state directory runs, losing no request in flight.</summary>
internal static class DownCommand
{
    public static Command Create()
    {
        var app = new Option<string?>("--app")
        {
            Description = "Stop only this app: its route leaves the edge, then its revisions stop; the controller and the edge go on",
        };
        var env = new Option<string?>("--env") { Description = "Stop only this environment (not supported yet: manifests have no environments)" };
        var command = new Command("down",
            "Stop what runs here: the controller, then the edge (its requests in flight finish), then the revisions, recorded as stopped")
        {
            app, env,
        };
        command.SetAction(async (result, ct) =>
        {
            if (result.GetValue(env) is { } environment)
                throw new CliException(ExitCodes.Rejected,
                    $"--env {environment}: environments are not supported yet, a manifest has none; `greenlight down` without --env stops everything of this state directory, --app one app. Nothing was stopped");
            var path = result.GetValue(CommonOptions.File)!.FullName;
            var manifest = LoadForStopping(path);
            var files = ControllerFiles.ForManifest(path);
            var target = DeploymentTargets.Create("process", TimeProvider.System, NullLoggerFactory.Instance);
            var down = new StateDirectoryDown(files, target, a => a == manifest?.App ? manifest.Run.StopTimeout : RunSpec.DefaultStopTimeout, TimeProvider.System);
            try
            {
                return result.GetValue(app) is { } name
                    ? await StopAppAsync(down, name, manifest?.App, path, result.IsJson(), ct)
                    : Print(await down.StopAllAsync(await down.AppsAsync(manifest?.App, ct), ct), result.IsJson());
            }
            // Each step is recorded before it acts, so running down again picks up where this one stopped.
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or EdgeAdminException or IOException or InvalidDataException)
            {
                throw new CliException(ExitCodes.Error, $"down stopped partway: {e.Message}; run it again to stop the rest");
            }
        });
        return command;
    }

    private static async Task<int> StopAppAsync(StateDirectoryDown down, string name, string? manifestApp, string path, bool json, CancellationToken ct)
    {
        AppStopped stopped;
        var controller = down.Controller;
        if (controller is not null)
            // Through the controller, whose revision watcher would otherwise start them again.
            stopped = await ControllerClient.Connect(path, timeout: Timeout.InfiniteTimeSpan).PostAsync<AppStopped>($"v1/apps/{Uri.EscapeDataString(name)}/down", null, ct);
        else if ((await down.AppsAsync(manifestApp, ct)) is var known && !known.Contains(name))
            throw new CliException(ExitCodes.Rejected,
                $"no app {name} in {down.StateDirectory}; " + (known.Count == 0 ? "it knows of no app" : $"its apps: {string.Join(", ", known)}") + ". Nothing was stopped");
        else
            stopped = await down.StopAppAsync(name, ct);
        if (json)
            CommonOptions.WriteJson(stopped);
        else
            DownRender.App(stopped, controllerRuns: controller is not null);
        return ExitCodes.Ok;
    }

    /// <summary>Only the revisions' grace comes from the manifest: a manifest that cannot be read stops nothing less.</summary>
    private static AppManifest? LoadForStopping(string path)
    {
        var loaded = File.Exists(path) ? ManifestLoader.Load(path) : null;
        if (loaded?.Manifest is { } manifest)
            return manifest;
        Console.Error.WriteLine($"warning: {(loaded is null ? $"{path} does not exist" : $"{loaded.Errors[0]}")}: revisions get the default stop timeout of {DurationText.Format(RunSpec.DefaultStopTimeout)}");
        return null;
    }

    private static int Print(DownReport report, bool json)
    {
        if (json)
            CommonOptions.WriteJson(report);
        else
            DownRender.All(report);
        return ExitCodes.Ok;
    }
}
