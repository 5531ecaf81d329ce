using System.CommandLine;
using Greenlight.Cli.Output;
using Greenlight.Cli.Client;
using Greenlight.Core.Manifest;
using Greenlight.Core.Workspaces;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Check the manifest and report every problem with its line and column");
        command.SetAction(result =>
        {
            var apps = ManifestReport.LoadWorkspace(result).Apps;
            if (result.IsJson())
                CommonOptions.WriteJson(new { valid = true, apps = apps.Select(a => a.App), errors = Array.Empty<ManifestError>() });
            else
                AnsiConsole.MarkupLine($"[green]✔[/] {Render.Esc(result.GetValue(CommonOptions.File)!.Name)}: app{(apps.Count == 1 ? "" : "s")} {Render.Esc(string.Join(", ", apps.Select(a => a.App)))} {(apps.Count == 1 ? "is" : "are")} valid");
            return ExitCodes.Ok;
        });
        return command;
    }
}

/// <summary>Loads the manifest or workspace named by --file; its problems are printed all at once by <see cref="Write"/>.</summary>
internal static class ManifestReport
{
    public static Workspace LoadWorkspace(ParseResult result) => WorkspaceLoader.Load(result.GetValue(CommonOptions.File)!.FullName).GetOrThrow();

    /// <summary>The manifest of the app named by --app, or of the only app of the workspace.</summary>
    public static AppManifest Load(ParseResult result)
    {
        var apps = LoadWorkspace(result).Apps;
        return result.GetValue(CommonOptions.App) switch
        {
            null when apps.Count == 1 => apps[0],
            null => throw new CliException(ExitCodes.Rejected, $"the workspace has apps {string.Join(", ", apps.Select(a => a.App))}: name one with --app"),
            var app => apps.FirstOrDefault(a => a.App == app)
                ?? throw new CliException(ExitCodes.Rejected, $"no app {app} in the workspace; it has {string.Join(", ", apps.Select(a => a.App))}"),
        };
    }

    public static void Write(IReadOnlyList<ManifestError> errors, bool json)
    {
        if (json)
        {
            CommonOptions.WriteJson(new { valid = false, errors });
            return;
        }
        foreach (var error in errors)
            Console.Error.WriteLine($"error: {error}");
        Console.Error.WriteLine($"{errors.Count} problem{(errors.Count == 1 ? "" : "s")} in the manifest; nothing was changed");
    }
}
