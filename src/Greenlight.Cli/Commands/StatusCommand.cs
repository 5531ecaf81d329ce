using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Control;
using Greenlight.Migrations;
using Greenlight.Migrations.Lint;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "What serves now: the traffic split, every revision, releases in progress; for an app with environments, its newest release and each region");
        command.SetAction(async (result, ct) =>
        {
            var client = result.Connect();
            if (await EnvironmentApps.OfAsync(client, ct) is { } app)
                return await ReleaseStatus.ShowAsync(client, app, result.IsJson(), ct);
            // Without --app, a controller of several apps shows each of them.
            var paths = client.App is not null ? ["v1/status"]
                : (await client.GetAsync<List<string>>("v1/apps", ct)).Select(app => $"v1/status?app={Uri.EscapeDataString(app)}").ToList();
            var reports = new List<StatusReport>();
            foreach (var path in paths)
                reports.Add(await client.GetAsync<StatusReport>(path, ct));
            if (result.IsJson())
                CommonOptions.WriteJson(reports.Count == 1 ? reports[0] : reports);
            else
                reports.ForEach(Print);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>One lane: an app without environments, or one region of an app with them.</summary>
    public static void Print(StatusReport s)
    {
        AnsiConsole.MarkupLine($"[bold]{Render.Esc(s.App)}[/] on http://{Render.Esc(s.Listen)} — serving: [green]{Render.Esc(s.Serving ?? "nothing")}[/]");
        var table = new Table().AddColumns("revision", "manifest", "role", "traffic", "pid", "port", "started");
        foreach (var r in s.Revisions.Where(r => r.Running || r.Role == "dead"))
            table.AddRow(Render.Esc(Engine.State.RevisionRecord.NameOf(r.Version, r.Instance)), Render.Digest(r.ManifestDigest), r.Role, $"{r.Weight}%", r.Pid.ToString(), r.Port.ToString(), Render.Time(r.StartedAt));
        AnsiConsole.Write(table);
        foreach (var d in s.Drift)
            AnsiConsole.MarkupLine($"drift: {DriftCommand.Kind(d.Kind)} {Render.Esc(d.Revision ?? "route")}: expected {Render.Esc(d.Expected)}, found {Render.Esc(d.Found)} (since {Render.Time(d.Since)}){(d.Repair is null ? "" : $"; {Render.Esc(d.Repair)}")}");
        if (s.Edge is { } edge)
            AnsiConsole.MarkupLine($"edge: pid {edge.Pid} {(edge.State == "serving" ? "[green]serving[/]" : $"[red]{Render.Esc(edge.State)}[/]")}; {Render.Esc(edge.Note)}");
        foreach (var r in s.Rollouts)
        {
            var until = r.StableLost is { } lost ? $", previous revision {r.Stable} died ({lost}): no rollback to it"
                : r.WarmUntil is { } u ? $", previous revision warm until {Render.Time(u)}" : "";
            var step = r.CurrentStep is { } c ? $", step {r.StepIndex + 1}/{r.Steps!.Count}: {c}, canary at {r.CanaryWeight}%" : "";
            var gates = r.Phase == RolloutPhase.Gating ? $", pipeline {r.PipelineRunId} running" : "";
            AnsiConsole.MarkupLine($"rollout {r.Id} of {Render.Esc(r.RevisionName)} (manifest {Render.Digest(r.ManifestDigest)}){(r.Hotfix ? " [yellow](hotfix)[/]" : "")}{(r.Repair ? " [yellow](repair: it died)[/]" : "")}: {Render.Phase(r.Phase)}{Render.Esc(step + until + gates)}");
            if (s.Analysis.TryGetValue(r.Id, out var verdict))
                AnsiConsole.MarkupLine($"  analysis: {Render.Verdict(verdict)}");
            else if (r.LastVerdict is { } last)
                AnsiConsole.MarkupLine($"  last analysis: {Render.Verdict(last)}");
        }
        if (s.SchemaError is { } error)
            AnsiConsole.MarkupLine($"schema: [red]unreadable[/]: {Render.Esc(error)}");
        if (s.Schema is { } schema)
        {
            var pending = schema.Where(m => m.State == MigrationState.Pending).ToList();
            var contract = pending.Where(m => m.Phase == MigrationPhase.Contract).Select(m => m.Script).ToList();
            AnsiConsole.MarkupLine($"schema: {schema.Count(m => m.State == MigrationState.Applied)} scripts applied, {pending.Count} pending"
                + Render.Esc(contract.Count == 0 ? "" : $"; contract scripts {string.Join(", ", contract)} run once a release has retired the revision it replaced"));
        }
    }
}
