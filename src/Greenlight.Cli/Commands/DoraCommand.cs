using System.CommandLine;
using System.Globalization;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Dora;
using Greenlight.Server.Api;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary>DORA's four keys of an app over a window, each with the performance band of the report the controller cites.</summary>
internal static class DoraCommand
{
    public static Command Create()
    {
        var environment = new Option<string?>("--env") { Description = "The environment (default: production, else the app's last one); not for apps without environments" };
        var window = new Option<string>("--window") { Description = "How far back: days (30d) or a duration (12h)", DefaultValueFactory = _ => "30d" };
        var failureWindow = new Option<string>("--failure-window")
        {
            Description = "A change followed within this time by a hotfix or a redeploy of an earlier version counts as failed",
            DefaultValueFactory = _ => "24h",
        };
        var command = new Command("dora", "DORA metrics from the controller's records: deployment frequency, lead time for changes, change failure rate, failed deployment recovery time")
        {
            environment, window, failureWindow,
        };
        command.SetAction(async (result, ct) =>
        {
            var client = result.Connect();
            var query = $"v1/dora?window={Uri.EscapeDataString(result.GetValue(window)!)}&failureWindow={Uri.EscapeDataString(result.GetValue(failureWindow)!)}"
                + (client.App is { } app ? $"&app={Uri.EscapeDataString(app)}" : "")
                + (result.GetValue(environment) is { } env ? $"&environment={Uri.EscapeDataString(env)}" : "");
            var dora = await client.GetAsync<DoraResponse>(query, ct);
            if (result.IsJson())
                CommonOptions.WriteJson(dora);
            else
                Write(AnsiConsole.Console, dora);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(IAnsiConsole console, DoraResponse d)
    {
        console.MarkupLine($"[bold]{Markup.Escape(d.App)}[/]{(d.Environment is { } e ? " in " + Markup.Escape(e) : "")}, last {Markup.Escape(d.Window)} ({Render.Time(d.From)} to {Render.Time(d.To)})");
        var table = new Table().AddColumns("metric", "value", "from", "band");
        var f = d.DeploymentFrequency;
        table.AddRow("deployment frequency", $"{f.PerDay.ToString("0.##", CultureInfo.InvariantCulture)}/day", $"{f.Deployments} deployments", Band(f.Band));
        table.AddRow("lead time for changes", Seconds(d.LeadTime.MedianSeconds) + " median", $"{d.LeadTime.Samples} with a commit time", Band(d.LeadTime.Band));
        var c = d.ChangeFailureRate;
        table.AddRow("change failure rate", c.Rate is { } rate ? rate.ToString("0.#%", CultureInfo.InvariantCulture) : "-", $"{c.Failed} of {c.Deployments} failed", Band(c.Band));
        var r = d.RecoveryTime;
        table.AddRow("failed deployment recovery time", Seconds(r.MedianSeconds) + " median", $"{r.Recovered} recovered, {r.Unrecovered} not yet", Band(r.Band));
        console.Write(table);
        console.MarkupLine($"bands: {Markup.Escape(d.BandSource)} (see docs/cli.md)");
    }

    private static string Band(DoraBand? band) => band switch
    {
        null => "-",
        DoraBand.Elite or DoraBand.High => $"[green]{band}[/]",
        DoraBand.Medium => $"[yellow]{band}[/]",
        _ => $"[red]{band}[/]",
    };

    private static string Seconds(double? seconds) => seconds switch
    {
        null => "-",
        < 120 => $"{seconds:0}s",
        < 7200 => $"{seconds / 60:0}m",
        < 172800 => $"{seconds / 3600:0.#}h",
        _ => $"{seconds / 86400:0.#}d",
    };
}
