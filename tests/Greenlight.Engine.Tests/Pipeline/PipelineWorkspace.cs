using Greenlight.Core.Secrets;
using System.Collections.Concurrent;
using Greenlight.Core.Manifest;
using Greenlight.Core.Pipelines;
using Greenlight.Engine.Pipeline;

namespace Greenlight.Engine.Tests.Pipeline;

/// <summary>A throwaway app directory with a manifest whose pipeline the test writes, its state in <c>.greenlight/</c>.</summary>
internal sealed class PipelineWorkspace : IDisposable, IPipelineObserver
{
    public string Root { get; } = Directory.CreateTempSubdirectory("greenlight-pipeline-").FullName;

    /// <summary>Everything the observer saw, in order: "start x", "out x: line", "end x: Status".</summary>
    public ConcurrentQueue<string> Seen { get; } = new();

    public string Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string StateDirectory => Path.Combine(Root, ".greenlight");

    /// <param name="stages">The YAML under <c>pipeline.stages</c>, indented by two spaces.</param>
    public PipelineService Service(string stages, string extra = "") => PipelineService.Open(Manifest(stages, extra), StateDirectory);

    /// <summary>A service whose runner the test shapes: a short grace for steps that ignore being stopped, and
    /// its own runner for some step kinds (the built-in ones for the rest).</summary>
    public PipelineService Service(string stages, TimeSpan grace, params IStepRunner[] runners)
    {
        var manifest = Manifest(stages, "");
        var runner = new PipelineRunner(manifest, StateDirectory, TimeProvider.System, new SecretValues(),
            action => runners.FirstOrDefault(r => r.Kind == action.Kind) ?? StepRunners.For(action)) { Grace = grace };
        var store = new Greenlight.Engine.State.SqliteStateStore(Path.Combine(StateDirectory, "state.db"), TimeProvider.System);
        return new PipelineService(manifest, StateDirectory, store, TimeProvider.System, new SecretValues(), runner);
    }

    /// <summary>A real FIFO (named pipe): opening it for reading blocks until a writer comes.</summary>
    public string Fifo(string relative) => Greenlight.Testing.Fifo.Make(Path.Combine(Root, relative));

    private AppManifest Manifest(string stages, string extra)
    {
        var yaml = $"app: shop\nrun:\n  command: true\nedge:\n  listen: 127.0.0.1:8080\n{extra}pipeline:\n  stages:\n{stages}";
        return ManifestLoader.Parse(yaml, Path.Combine(Root, "greenlight.yaml")).GetOrThrow();
    }

    public Task<PipelineRun> RunAsync(string stages, CancellationToken ct) =>
        Service(stages).RunAsync(PipelineService.NewRunId(), "2.0", this, ct);

    public void Waiting() => Seen.Enqueue("waiting");

    public void StepStarted(StepResult step) => Seen.Enqueue($"start {step.Name}");

    public void Output(StepResult step, string line) => Seen.Enqueue($"out {step.Name}: {line}");

    public void StepFinished(StepResult step) => Seen.Enqueue($"end {step.Name}: {step.Status}");

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
