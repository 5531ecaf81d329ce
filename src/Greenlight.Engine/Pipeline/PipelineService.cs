using Greenlight.Core.Audit;
using Greenlight.Core.Manifest;
using Greenlight.Core.Pipelines;
using Greenlight.Core.Secrets;
using Greenlight.Engine.Control;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Pipeline;

/// <summary>
/// Runs an app's pipeline and keeps its records: each run, with its steps' results, in the state store; each
/// step's full output in a file under <c>pipelines/</c> of the state directory. Used by the controller to gate a
/// release and by <c>greenlight pipeline run</c> on its own.
/// </summary>
public sealed class PipelineService
{
    private readonly AppManifest _manifest;
    private readonly IStateStore _store;
    private readonly TimeProvider _time;
    private readonly PipelineRunner _runner;
    private readonly string _stateDirectory;

    /// <summary>Who the audit log names as running the pipeline: the controller, or the OS user of `greenlight pipeline run`.</summary>
    public string Actor { get; init; } = AuditRecord.Controller;

    internal PipelineService(AppManifest manifest, string stateDirectory, IStateStore store, TimeProvider time, SecretValues secrets, PipelineRunner? runner = null)
    {
        _stateDirectory = stateDirectory;
        _manifest = manifest;
        _store = store;
        _time = time;
        _runner = runner ?? new PipelineRunner(manifest, stateDirectory, time, secrets);
    }

    /// <summary>For a host without a controller: the records go to the same store the controller of that state directory uses.</summary>
    public static PipelineService Open(AppManifest manifest, string stateDirectory, TimeProvider? time = null)
    {
        var secrets = SecretValues.For(manifest, Environment.GetEnvironmentVariables());
        time ??= TimeProvider.System;
        return new(manifest, stateDirectory, StateStores.OpenOrCreateConfigured(stateDirectory, time, secrets), time, secrets) { Actor = Environment.UserName };
    }

    public static string NewRunId() => $"pl-{Guid.NewGuid():N}"[..11];

    public async Task<PipelineRun> RunAsync(string runId, string? version, IPipelineObserver observer, CancellationToken ct)
    {
        var pipeline = _manifest.Pipeline ?? throw new ReleaseRejectedException(RejectionKind.Invalid, $"{_manifest.App} has no pipeline in its manifest");
        var run = new PipelineRun(runId, _manifest.App, version, await PipelineIdentity.SourceAsync(_manifest.BaseDirectory, ct),
            PipelineIdentity.Definition(pipeline), PipelineStatus.Running, _time.GetUtcNow(), null, []);
        try
        {
            using var turn = await PipelineLock.AcquireAsync(_stateDirectory, () => observer.Waiting(), _time, ct);
            await FailAbandonedAsync(ct);
            run = await _runner.RunAsync(run, observer, r => _store.SavePipelineRunAsync(run = r, CancellationToken.None), ct);
            await AuditAsync(run);
            return run;
        }
        catch (OperationCanceledException)
        {
            // Aborted, or the controller stopping: the record must not claim the run is still going.
            await _store.SavePipelineRunAsync(run = Stopped(run, "stopped before it finished: the release was aborted or the controller stopped"), CancellationToken.None);
            await AuditAsync(run);
            throw;
        }
    }

    private Task AuditAsync(PipelineRun run) => _store.AppendAsync(
        new AuditRecord(Actor, "pipeline.run", $"app {run.App}, pipeline {run.Id}", run.Status == PipelineStatus.Passed ? "ok" : "failed")
        {
            After = run.Version, Detail = run.Status.ToString().ToLowerInvariant(),
        }, CancellationToken.None);

    /// <summary>
    /// Records as failed the runs that a process which ended mid-run (killed, crashed) left recorded as running,
    /// so that none claims to be going forever. Called when a controller starts; each run does it too.
    /// </summary>
    public async Task FailAbandonedRunsAsync(CancellationToken ct)
    {
        // Held by a live run: that run fails the abandoned ones when it starts, or the next one does.
        using var turn = PipelineLock.TryAcquire(_stateDirectory);
        if (turn is not null)
            await FailAbandonedAsync(ct);
    }

    /// <summary>Only the holder of the pipeline lock runs a pipeline of this state directory, and the lock ends with
    /// its process: while it is held here, every run still recorded as running was left by a process that is gone.</summary>
    private async Task FailAbandonedAsync(CancellationToken ct)
    {
        foreach (var run in await _store.ListUnfinishedPipelineRunsAsync(ct))
            await _store.SavePipelineRunAsync(Stopped(run, "stopped before it finished: the process running it ended without recording a result (killed or crashed)"), ct);
    }

    private PipelineRun Stopped(PipelineRun run, string reason) => run with
    {
        Status = PipelineStatus.Failed,
        FinishedAt = _time.GetUtcNow(),
        Steps = run.Steps.Select(s => s.Status switch
        {
            StepStatus.Running => s with { Status = StepStatus.Failed, Reason = reason },
            StepStatus.Pending => s with { Status = StepStatus.Skipped },
            _ => s,
        }).ToList(),
    };

    public Task<PipelineRun?> GetAsync(string id, CancellationToken ct) => _store.GetPipelineRunAsync(id, ct);

    public Task<IReadOnlyList<PipelineRun>> ListAsync(int limit, CancellationToken ct) => _store.ListPipelineRunsAsync(_manifest.App, limit, ct);

    /// <summary>The output of step <paramref name="step"/> (1-based) from byte <paramref name="offset"/>, whole lines only.</summary>
    public async Task<(string Text, long Next)> ReadLogAsync(string id, int step, long offset, CancellationToken ct)
    {
        var run = await GetAsync(id, ct) ?? throw new ReleaseRejectedException(RejectionKind.NotFound, $"no pipeline run {id}");
        if (step < 1 || step > run.Steps.Count)
            throw new ReleaseRejectedException(RejectionKind.NotFound, $"pipeline run {id} has steps 1 to {run.Steps.Count}, not {step}");
        return StepLog.Read(run.Steps[step - 1].Log, Math.Max(0, offset));
    }

    /// <summary>
    /// The run <paramref name="runId"/> when it vouches for releasing <paramref name="version"/> now: it passed, for this
    /// app and version (or for no version), with the pipeline as defined now, on the source tree as it is now.
    /// </summary>
    public async Task<PipelineRun> VerifiedBuildAsync(string runId, string version, CancellationToken ct)
    {
        var run = await GetAsync(runId, ct);
        string? refusal = run switch
        {
            null => "there is no such run",
            { App: var app } when app != _manifest.App => $"it is a run of {app}",
            { Status: not PipelineStatus.Passed } => $"it {(run.Status == PipelineStatus.Failed ? "failed" : "has not finished")}",
            { Version: { } v } when v != version => $"it verified version {v}",
            { Source: null } => "it ran on a tree that cannot be named (not a git work tree, or with uncommitted changes)",
            _ when run.Definition != PipelineIdentity.Definition(_manifest.Pipeline!) => "the pipeline in the manifest changed since",
            _ when await PipelineIdentity.SourceAsync(_manifest.BaseDirectory, ct) != run.Source =>
                $"the source tree is no longer {run.Source} (another commit, or uncommitted changes)",
            _ => null,
        };
        return refusal is null
            ? run!
            : throw new ReleaseRejectedException(RejectionKind.Conflict, $"pipeline run {runId} does not verify {version}: {refusal}; run the pipeline again");
    }
}
