using Greenlight.Core.Analysis;
using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Spectre.Console;

namespace Greenlight.Cli.Output;

/// <summary>Human wording of states, kept in one place so every command says the same thing.</summary>
internal static class Render
{
    public static string Outcome(Rollout r) => r.Phase switch
    {
        RolloutPhase.Warm when r.StableLost is not null => $"[green]✔ {Esc(r.Version)} serves all traffic[/]; {Esc(r.Stable)} died ({Esc(r.StableLost)}): no rollback to it",
        RolloutPhase.Warm => $"[green]✔ {Esc(r.Version)} serves all traffic[/]; {Esc(r.Stable)} stays warm for rollback until {Time(r.WarmUntil)}",
        RolloutPhase.Completed => $"[green]✔ {Esc(r.Version)} serves all traffic[/]",
        // A release that failed its gates never learned what serves: it says nothing about it.
        RolloutPhase.Failed => $"[red]✘ release of {Esc(r.Version)} failed[/]: {Esc(r.Reason)}" + (r.Stable is null ? "" : $"; {Esc(r.Stable)} still serves"),
        RolloutPhase.RolledBack => $"[yellow]↩ {Esc(r.Version)} rolled back[/]: {Esc(r.Reason)}; {Esc(r.Stable)} serves again",
        _ => $"{Esc(r.Version)}: {r.Phase}",
    };

    public static string Phase(RolloutPhase phase) => phase switch
    {
        RolloutPhase.Completed or RolloutPhase.Warm => $"[green]{phase}[/]",
        RolloutPhase.Failed => $"[red]{phase}[/]",
        RolloutPhase.RolledBack or RolloutPhase.RollingBack => $"[yellow]{phase}[/]",
        _ => $"[blue]{phase}[/]",
    };

    /// <summary>A section heading: a rule across a terminal; piped, where the width is unbounded, a short line.</summary>
    public static void Heading(IAnsiConsole console, string name)
    {
        if (Console.IsOutputRedirected)
            console.MarkupLine($"── [bold]{Markup.Escape(name)}[/] ──");
        else
            console.Write(new Rule($"[bold]{Markup.Escape(name)}[/]").LeftJustified());
    }

    /// <summary>An analysis look in one line, read from the same record <c>--output json</c> prints.</summary>
    public static string Verdict(AnalysisVerdict v) => v.Look == 0
        ? Esc(v.Summary) // kept before verdicts had fields: its words are all there is
        : $"{VerdictOutcome(v.Outcome)} at look {v.Look}, {DurationText.Format(v.Elapsed)} of at most {DurationText.Format(v.MaxDuration)}"
          + (v.FailedSafe is { } why ? $", failed safe: {Esc(why)}" : "") + $": {Esc(v.Summary)}";

    /// <summary>The outcome and when it came, for a table cell.</summary>
    public static string VerdictBrief(AnalysisVerdict? v) => v switch
    {
        null => "-",
        { Look: 0 } => VerdictOutcome(v.Outcome),
        _ => $"{VerdictOutcome(v.Outcome)} ({DurationText.Format(v.Elapsed)})",
    };

    private static string VerdictOutcome(Verdict outcome) => outcome switch
    {
        Core.Analysis.Verdict.Pass => "[green]Pass[/]",
        Core.Analysis.Verdict.Fail => "[red]Fail[/]",
        _ => "Inconclusive",
    };

    public static string Esc(string? s) => Markup.Escape(s ?? "-");

    public static string Time(DateTimeOffset? at) => at?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss") ?? "-";

    /// <summary>The first line only: start failures carry the revision's log tail, too long for a table.</summary>
    public static string FirstLine(string? s) => Esc(s?.Split('\n')[0].TrimEnd(':', ';', ' '));

    /// <summary>A manifest digest as status and history show it: its first 12 hex digits; "-" for records older than snapshots.</summary>
    public static string Digest(string? digest) => digest is null ? "-" : Core.Manifest.ManifestSnapshot.Short(digest);
}
