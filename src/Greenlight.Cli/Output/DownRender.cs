using Greenlight.Engine.Teardown;
using Greenlight.Server.Down;
using Spectre.Console;

namespace Greenlight.Cli.Output;

/// <summary>What `greenlight down` stopped, in the order it stopped it.</summary>
internal static class DownRender
{
    public static void All(DownReport report)
    {
        if (!report.StoppedAnything)
        {
            AnsiConsole.MarkupLine($"nothing was running for {Render.Esc(report.StateDirectory)}");
            return;
        }
        AnsiConsole.MarkupLine(report.Controller is { } controller ? Process("the controller", controller, "") : "no controller was running");
        foreach (var edge in report.Edges)
            AnsiConsole.MarkupLine(Process("the edge", edge, ": it finished the requests it had accepted; its route table stays for its next start"));
        if (report.Edges.Count == 0)
            AnsiConsole.MarkupLine("no edge was running");
        foreach (var app in report.Apps)
            App(app, controllerRuns: false);
    }

    public static void App(AppStopped app, bool controllerRuns)
    {
        var route = app.Route switch
        {
            RouteRemoval.Removed => "its route left the edge once its requests in flight finished; ",
            RouteRemoval.Absent => "it had no route on the edge; ",
            _ => "",
        };
        var revisions = app.Revisions.Count == 0 ? "no revision was running" : $"stopped {string.Join(", ", app.Revisions.Select(r => r.Text))}";
        AnsiConsole.MarkupLine($"[bold]{Render.Esc(app.App)}[/]: {Render.Esc(route + revisions)}");
        foreach (var release in app.Unfinished)
            AnsiConsole.MarkupLine($"  release {release.Id} of {Render.Esc(release.Version)} ({release.Phase}) is unfinished: the next `greenlight up` resumes it");
        if (controllerRuns)
            AnsiConsole.MarkupLine("the controller and the edge go on; `greenlight deploy` starts the app again");
    }

    private static string Process(string what, ProcessStopped stopped, string graceful) => stopped.Graceful
        ? $"stopped {what} (pid {stopped.Pid}) in {stopped.Ms / 1000:0.0} s{graceful}"
        : $"[yellow]killed {what}[/] (pid {stopped.Pid}): still running {stopped.Ms / 1000:0} s after SIGTERM";
}
