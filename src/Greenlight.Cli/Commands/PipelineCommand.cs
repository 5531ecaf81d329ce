using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Pipelines;
using Greenlight.Engine.Pipeline;
using Greenlight.Server.Hosting;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary>`greenlight pipeline …`: the app's gates on their own, recorded where the controller keeps its state.</summary>
internal static class PipelineCommand
{
    public static Command Create()
    {
        var version = new Option<string?>("--version") { Description = "The version this build is (recorded with the run; a deploy of another version cannot reuse it)" };
        var run = new Command("run", "Run every stage of the pipeline now, stopping at the first failed step") { version };
        run.SetAction((result, ct) => RunAsync(result, result.GetValue(version), ct));

        var id = new Argument<string>("run") { Description = "A pipeline run id, such as pl-1a2b3c4d" };
        var show = new Command("show", "One run: each step's status, duration, test counts, log file and findings") { id };
        show.SetAction(async (result, ct) =>
        {
            var found = await Open(result).GetAsync(result.GetValue(id)!, ct)
                ?? throw new CliException(ExitCodes.Rejected, $"no pipeline run {result.GetValue(id)}");
            return Print(result, found);
        });

        var list = new Command("list", "Recent runs, newest first");
        list.SetAction(async (result, ct) =>
        {
            var runs = await Open(result).ListAsync(20, ct);
            if (result.IsJson())
                CommonOptions.WriteJson(runs);
            else
                WriteList(runs);
            return ExitCodes.Ok;
        });
        return new Command("pipeline", "The app's pipeline: build, test, lint and security gates") { run, show, list };
    }

    private static async Task<int> RunAsync(ParseResult result, string? version, CancellationToken ct)
    {
        var service = Open(result);
        IPipelineObserver observer = result.IsJson() ? NoObserver.Instance : new ConsolePipelineObserver(AnsiConsole.Console);
        var run = await service.RunAsync(PipelineService.NewRunId(), version, observer, ct);
        return Print(result, run);
    }

    private static int Print(ParseResult result, PipelineRun run)
    {
        if (result.IsJson())
            CommonOptions.WriteJson(run);
        else
            PipelineRender.Write(AnsiConsole.Console, run);
        return run.Status == PipelineStatus.Passed ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void WriteList(IReadOnlyList<PipelineRun> runs)
    {
        var table = new Table().AddColumns("run", "version", "status", "started", "source", "failed step");
        foreach (var r in runs)
            table.AddRow(r.Id, Render.Esc(r.Version), r.Status.ToString(), Render.Time(r.StartedAt), Render.Esc(r.Source), Render.Esc(r.FailedStep?.Name));
        AnsiConsole.Write(table);
    }

    private static PipelineService Open(ParseResult result)
    {
        var manifest = ManifestReport.Load(result);
        if (manifest.Pipeline is null)
            throw new CliException(ExitCodes.Rejected, "the manifest has no pipeline section (see docs/manifest.md#pipeline)");
        return PipelineService.Open(manifest, ControllerFiles.ForManifest(result.GetValue(CommonOptions.File)!.FullName).StateDirectory);
    }

    private sealed class NoObserver : IPipelineObserver
    {
        public static readonly NoObserver Instance = new();

        public void Waiting() { }

        public void StepStarted(StepResult step) { }

        public void Output(StepResult step, string line) { }

        public void StepFinished(StepResult step) { }
    }
}
