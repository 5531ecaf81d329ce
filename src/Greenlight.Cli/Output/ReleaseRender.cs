using Greenlight.Core.Delivery;
using Spectre.Console;

namespace Greenlight.Cli.Output;

/// <summary>A release as a matrix of environments by regions, each cell the region's phase; and its outcome.</summary>
internal static class ReleaseRender
{
    public static void Matrix(IAnsiConsole console, Release r)
    {
        var table = new Table().AddColumns("environment", "stage", "regions (wave: phase)");
        foreach (var s in r.Stages)
        {
            var until = s.Until is { } u ? $" until {Render.Time(u)}" : "";
            var regions = string.Join("  ", s.Regions.Select(g => $"{g.Name} (wave {g.Wave + 1}): {Cell(g.Phase)}"));
            table.AddRow(Render.Esc(s.Environment), $"{Stage(s.Phase)}{Render.Esc(until)}", regions);
        }
        console.Write(table);
    }

    /// <summary>Releases newest first, each with how far it got in every environment and region.</summary>
    public static void History(IAnsiConsole console, IReadOnlyList<Release> releases)
    {
        var table = new Table().AddColumns("release", "version", "manifest", "phase", "regions", "created", "reason");
        foreach (var r in releases)
            table.AddRow(r.Id, Render.Esc(r.Version) + (r.Hotfix ? " [yellow]hotfix[/]" : ""), Render.Digest(r.ManifestDigest), PhaseOf(r),
                string.Join("\n", r.Stages.Select(s => $"{Render.Esc(s.Environment)}: " + string.Join(", ", s.Regions.Select(g => $"{Render.Esc(g.Name)} {Cell(g.Phase)}")))),
                Render.Time(r.CreatedAt), Render.FirstLine(r.Reason ?? AwaitingApproval(r)?.Reason));
        console.Write(table);
    }

    /// <summary>The release's phase; a running release that waits for approval says so.</summary>
    public static string PhaseOf(Release r) => AwaitingApproval(r) is not null ? "[yellow]AwaitingApproval[/]" : Phase(r.Phase);

    public static Stage? AwaitingApproval(Release r) =>
        r.Phase == ReleasePhase.Running ? r.Stages.FirstOrDefault(s => s.Phase == StagePhase.AwaitingApproval) : null;

    public static string Phase(ReleasePhase phase) => phase switch
    {
        ReleasePhase.Completed => $"[green]{phase}[/]",
        ReleasePhase.RolledBack or ReleasePhase.RollingBack => $"[yellow]{phase}[/]",
        ReleasePhase.Running => $"[blue]{phase}[/]",
        _ => $"[red]{phase}[/]",
    };

    public static string Outcome(Release r) => r.Phase switch
    {
        ReleasePhase.Completed => $"[green]✔ {Render.Esc(r.Version)} passed every environment[/]",
        ReleasePhase.RolledBack => $"[yellow]↩ {Render.Esc(r.Version)} rolled back[/]: {Render.Esc(r.Reason)}",
        ReleasePhase.Running when r.Stages.FirstOrDefault(s => s.Phase == StagePhase.AwaitingPromotion) is { } next =>
            $"{Render.Esc(r.Version)} waits for `greenlight promote-release {r.Id} --to {Render.Esc(next.Environment)}`",
        ReleasePhase.Running when AwaitingApproval(r) is { } gate =>
            $"{Render.Esc(r.Version)} awaits approval for {Render.Esc(gate.Environment)}: {Render.Esc(gate.Reason)}; `greenlight approve {r.Id} --reason …` or `greenlight reject {r.Id} --reason …`",
        ReleasePhase.Running when r.Stages.FirstOrDefault(s => s.Phase == StagePhase.Waiting) is { } closed =>
            $"{Render.Esc(r.Version)} waits for the deployment window of {Render.Esc(closed.Environment)}: {Render.Esc(closed.Reason)}",
        _ => $"[red]✘ release of {Render.Esc(r.Version)} {r.Phase}[/]: {Render.Esc(r.Reason)}",
    };

    private static string Stage(StagePhase phase) => phase switch
    {
        StagePhase.Passed => $"[green]{phase}[/]",
        StagePhase.Failed or StagePhase.Halted => $"[red]{phase}[/]",
        StagePhase.RolledBack or StagePhase.RollingBack => $"[yellow]{phase}[/]",
        _ => $"[blue]{phase}[/]",
    };

    private static string Cell(RegionPhase phase) => phase switch
    {
        RegionPhase.Completed => $"[green]{phase}[/]",
        RegionPhase.Failed or RegionPhase.RollbackFailed => $"[red]{phase}[/]",
        RegionPhase.RolledBack or RegionPhase.RollingBack => $"[yellow]{phase}[/]",
        _ => phase.ToString(),
    };
}
