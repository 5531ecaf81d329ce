using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Drift;
using Greenlight.Engine.Drift;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

internal static class DriftCommand
{
    public static Command Create()
    {
        var command = new Command("drift", "Check now whether what runs still is what was released: exit 0 when it is, 3 when it drifted");
        command.SetAction(async (result, ct) =>
        {
            var client = result.ConnectWholeController();
            var report = await client.GetAsync<DriftReport>("v1/drift", ct);
            if (result.IsJson())
                CommonOptions.WriteJson(report);
            else
                Print(report);
            foreach (var what in report.Unchecked)
                Console.Error.WriteLine($"not checked: {what}");
            // What could not be looked at is never reported as "no drift".
            return report.Drifted ? ExitCodes.Drifted : report.Unchecked.Count > 0 ? ExitCodes.Error : ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(DriftReport report)
    {
        var reconcile = $"reconcile: {report.Reconcile.ToString().ToLowerInvariant()}";
        if (report.Findings.Count == 0)
        {
            AnsiConsole.MarkupLine($"[green]no drift[/] in {Render.Esc(report.App)} ({reconcile}, checked {Render.Time(report.CheckedAt)})");
            return;
        }
        var table = new Table().AddColumns("app", "revision", "kind", "expected", "found", "since", "repair");
        foreach (var f in report.Findings)
            table.AddRow(Render.Esc(report.App), Render.Esc(f.Revision), Kind(f.Kind), Render.Esc(f.Expected), Render.Esc(f.Found), Render.Time(f.Since),
                f.Healed ? $"[green]{Render.Esc(f.Repair)}[/]" : Render.Esc(f.Repair));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{Render.Esc(report.App)}: {(report.Drifted ? "[red]drifted[/]" : "[green]healed[/]")} ({reconcile}, checked {Render.Time(report.CheckedAt)})");
    }

    /// <summary>The kind as status and drift print it; JSON carries the enum's name.</summary>
    public static string Kind(DriftKind kind) => kind switch
    {
        DriftKind.RevisionDied => "[red]died[/]",
        DriftKind.RevisionReplaced => "[red]replaced[/]",
        DriftKind.FilesChanged => "[yellow]files changed[/]",
        DriftKind.RouteChanged => "[red]route changed[/]",
        DriftKind.SecretRotated => "[yellow]secret rotated[/]",
        DriftKind.UnpromotedVersion => "[red]not promoted[/]",
        _ => kind.ToString(),
    };
}
