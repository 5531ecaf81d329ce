using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Manifest;
using Greenlight.Core.Workspaces;
using Greenlight.Engine.Delivery;
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
        var env = new Option<string?>("--env") { Description = "Stop only this environment: every region of it (of --app, or of every app that has it); the controller and the edges go on" };
        var command = new Command("down",
            "Stop what runs here: the controller, then the edge (its requests in flight finish), then the revisions, recorded as stopped")
        {
            app, env, CommonOptions.EdgesDir,
        };
        var state = StateOption.Create();
        command.Options.Add(state);
        command.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(CommonOptions.File)!.FullName;
            var apps = LoadForStopping(path);
            var manifest = apps.Count == 1 ? apps[0] : null;
            var files = CommonOptions.FilesOf(result);
            var target = DeploymentTargets.Create("process", TimeProvider.System, NullLoggerFactory.Instance);
            // A lane of an app with environments (app.environment.region) stops with its app's stop timeout.
            var down = new StateDirectoryDown(files, target,
                lane => apps.FirstOrDefault(a => lane == a.App || lane.StartsWith(a.App + ".", StringComparison.Ordinal))?.Run.StopTimeout ?? RunSpec.DefaultStopTimeout,
                TimeProvider.System, StateOption.Resolve(result, state, files.StateDirectory));
            try
            {
                if (result.GetValue(env) is { } environment)
                    return await StopEnvironmentAsync(down, apps, result.GetValue(app), environment, path, result.IsJson(), ct);
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

    /// <summary>Every region of <paramref name="environment"/> that runs something, one lane after the other.</summary>
    private static async Task<int> StopEnvironmentAsync(StateDirectoryDown down, IReadOnlyList<AppManifest> apps, string? app, string environment,
        string path, bool json, CancellationToken ct)
    {
        var lanes = apps.Where(a => app is null || a.App == app)
            .SelectMany(a => Lanes.Regions(a).Where(r => r.Environment == environment).Select(r => Lanes.Id(a.App, environment, r.Region))).ToList();
        if (lanes.Count == 0)
            throw new CliException(ExitCodes.Rejected, $"--env {environment}: no {(app is null ? "app" : $"app {app}")} here has that environment. Nothing was stopped");
        var known = await down.AppsAsync(null, ct);
        foreach (var lane in lanes.Where(known.Contains))
            await StopAppAsync(down, lane, null, path, json, ct);
        if (!lanes.Any(known.Contains) && !json)
            Console.Out.WriteLine($"nothing runs in {environment}: no release ever reached it");
        return ExitCodes.Ok;
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

    /// <summary>Only the revisions' grace comes from the manifests: a workspace that cannot be read stops nothing less.</summary>
    private static IReadOnlyList<AppManifest> LoadForStopping(string path)
    {
        var loaded = File.Exists(path) || Directory.Exists(path) ? WorkspaceLoader.Load(path) : null;
        if (loaded?.Workspace is { } workspace)
            return workspace.Apps;
        Console.Error.WriteLine($"warning: {(loaded is null ? $"{path} does not exist" : $"{loaded.Errors[0]}")}: revisions get the default stop timeout of {DurationText.Format(RunSpec.DefaultStopTimeout)}");
        return [];
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
