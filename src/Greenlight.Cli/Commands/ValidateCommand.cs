using System.CommandLine;
using Greenlight.Cli.Output;
using Greenlight.Core.Manifest;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Check the manifest and report every problem with its line and column");
        command.SetAction(result =>
        {
            var manifest = ManifestReport.Load(result);
            if (result.IsJson())
                CommonOptions.WriteJson(new { valid = true, errors = Array.Empty<ManifestError>() });
            else
                AnsiConsole.MarkupLine($"[green]✔[/] {Render.Esc(result.GetValue(CommonOptions.File)!.Name)}: app {Render.Esc(manifest.App)} is valid");
            return ExitCodes.Ok;
        });
        return command;
    }
}

/// <summary>Loads the manifest named by --file; its problems are printed all at once by <see cref="Write"/>.</summary>
internal static class ManifestReport
{
    public static AppManifest Load(ParseResult result)
    {
        var file = result.GetValue(CommonOptions.File)!;
        return ManifestLoader.Load(file.FullName).GetOrThrow();
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
