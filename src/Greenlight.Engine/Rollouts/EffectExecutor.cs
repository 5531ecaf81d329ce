using System.Diagnostics;
using Greenlight.Core.Rollouts;
using Greenlight.Core.Targets;
using Greenlight.Core.Traffic;
using Greenlight.Engine.State;
using Greenlight.Migrations;
using Greenlight.Migrations.Lint;

namespace Greenlight.Engine.Rollouts;

/// <summary>Carries out the effects the state machine decides. Each is idempotent: a resumed controller may repeat it.</summary>
internal sealed class EffectExecutor(ReleaseContext ctx)
{
    private readonly Analysis.AnalysisRunner _analysis = new(ctx);

    public async Task<Observation> ExecuteAsync(Rollout rollout, Effect effect, CancellationToken ct)
    {
        try
        {
            return effect switch
            {
                Effect.RunPipeline p => await GateAsync(rollout, p.RunId, ct),
                Effect.StartRevision s => await StartAsync(rollout, s.Version, ct),
                Effect.RunChecks c => await CheckAsync(rollout, c, ct),
                Effect.SetWeights w => await SetWeightsAsync(rollout, w.Weights, ct),
                Effect.RetireRevision r => await RetireAsync(rollout, r.Version, ct),
                Effect.RunAnalysis a => await _analysis.RunAsync(rollout, a, ct),
                Effect.ApplyMigrations m => await MigrateAsync(rollout, m.Contract, ct),
                _ => throw new InvalidOperationException($"unknown effect {effect}"),
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Observation.EffectFailed($"{effect} timed out");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Any provider failure becomes an observation: the state machine decides what it means.
            return new Observation.EffectFailed(e.Message);
        }
    }

    /// <summary>The release goes on only when every step of its pipeline passed; the run is attached to the release.</summary>
    private async Task<Observation> GateAsync(Rollout rollout, string runId, CancellationToken ct)
    {
        var run = await ctx.Pipelines.RunAsync(runId, rollout.Version, new Pipeline.ReleaseLogObserver(ctx.Store, rollout.Id), ct);
        return run.FailedStep is { } failed
            ? new Observation.EffectFailed($"pipeline step {failed.Name} failed: {failed.Reason}")
            : new Observation.PipelinePassed(runId);
    }

    private async Task<Observation> StartAsync(Rollout rollout, string version, CancellationToken ct)
    {
        var known = await ctx.Store.GetRevisionAsync(ctx.App, version, ct);
        if (known is not null && known.Status != RevisionStatus.Stopped && ctx.Target.IsRunning(ReleaseContext.HandleOf(known)))
        {
            if (known.Status == RevisionStatus.Running)
            {
                await Log(rollout, $"adopted running revision {version} (pid {known.Pid})");
                return new Observation.RevisionReady(version);
            }
            // Launched by a controller that died before the revision was healthy: nobody saw it become so, start over.
            await ctx.Target.StopAsync(ReleaseContext.HandleOf(known), ctx.ManifestOf(known).Run.StopTimeout, ct);
            await Log(rollout, $"stopped revision {version} (pid {known.Pid}) left starting by a previous controller");
        }
        var watch = Stopwatch.StartNew();
        // The intent is recorded before the spawn and the launch id handed to the process: a controller that dies in
        // between leaves a process the target finds by that id, and stops, when this start runs again.
        var spec = ctx.SpecFor(version) with { LaunchId = known?.LaunchId ?? Guid.NewGuid().ToString("N") };
        await ctx.Store.SaveRevisionAsync(new RevisionRecord(ctx.App, version, 0, 0, 0, spec.LogFile, RevisionStatus.Starting, ctx.Time.GetUtcNow(), spec.LaunchId, rollout.ManifestDigest), ct);
        var fingerprint = Drift.Fingerprints.RecordAsync(ctx, spec, rollout.ManifestDigest, ct); // hashed while it starts
        var handle = await ctx.Target.StartAsync(spec, h => Record(h, RevisionStatus.Starting, rollout.ManifestDigest, ct), ct);
        await fingerprint;
        await Record(handle, RevisionStatus.Running, rollout.ManifestDigest, ct);
        await Log(rollout, $"revision {version} healthy on port {handle.Port} (pid {handle.Pid})", watch);
        return new Observation.RevisionReady(version);
    }

    private Task Record(RevisionHandle h, RevisionStatus status, string? manifestDigest, CancellationToken ct) =>
        ctx.Store.SaveRevisionAsync(new RevisionRecord(h.App, h.Version, h.Pid, h.StartTime, h.Port, h.LogFile, status, ctx.Time.GetUtcNow(), h.LaunchId, manifestDigest), ct);

    /// <summary>Expand scripts are linted first: a statement that would break the revision still serving stops the release.</summary>
    private async Task<Observation> MigrateAsync(Rollout rollout, bool contract, CancellationToken ct)
    {
        var db = ctx.Manifest.Database!;
        var migrator = db.CreateMigrator(ctx.Time);
        if (!contract)
        {
            var pending = (await migrator.ReadStatusAsync(ct)).Where(s => s is { State: MigrationState.Pending, Phase: MigrationPhase.Expand }).Select(s => s.Script).ToHashSet();
            if (db.Lint(pending).Where(f => f.Fails).ToList() is { Count: > 0 } findings)
                return new Observation.EffectFailed($"migration lint: {string.Join("; ", findings)}");
        }
        var watch = Stopwatch.StartNew();
        var result = await migrator.MigrateAsync(contract ? PhaseFilter.Contract : PhaseFilter.Expand, ct);
        if (result.Failure is { } failure)
            return new Observation.EffectFailed($"{(contract ? "contract" : "expand")} migration {failure.Script} failed: {failure.Message}");
        await Log(rollout, $"{(contract ? "contract" : "expand")} migrations applied: {(result.Applied.Count == 0 ? "none pending" : string.Join(", ", result.Applied.Select(a => a.Script)))}", watch);
        return new Observation.MigrationsApplied(contract);
    }

    private async Task<Observation> CheckAsync(Rollout rollout, Effect.RunChecks c, CancellationToken ct)
    {
        if (ctx.Manifest.Checks.Count == 0)
            return new Observation.ChecksPassed(c.Stage);
        var address = c.Stage == CheckStage.BeforeFlip ? (await RequireRevision(c.Version, ct)).BaseAddress : ctx.PublicAddress;
        var watch = Stopwatch.StartNew();
        var report = await ctx.Checks.RunAsync(ctx.Manifest.Checks, address, ct);
        var where = c.Stage == CheckStage.BeforeFlip ? $"against {c.Version} directly" : "through the edge";
        if (!report.Passed)
            return new Observation.EffectFailed($"synthetic checks failed {where}: {report.Describe()}");
        await Log(rollout, $"synthetic checks passed {where} ({ctx.Manifest.Checks.Count} checks)", watch);
        return new Observation.ChecksPassed(c.Stage);
    }

    /// <summary>Moving traffic away from a revision never needs it alive: a dead one at weight 0 just leaves the route
    /// (nothing to drain). A dead one that should take traffic is reported as dead, for the state machine to decide.</summary>
    private async Task<Observation> SetWeightsAsync(Rollout rollout, IReadOnlyDictionary<string, int> weights, CancellationToken ct)
    {
        var backends = new List<RouteBackend>();
        foreach (var (version, weight) in weights)
        {
            if (await RunningAsync(version, ct) is { } handle)
                backends.Add(new RouteBackend(version, handle.BaseAddress, weight));
            else if (weight > 0)
                return new Observation.RevisionDied(version, "it is not running");
            else
                await Log(rollout, $"revision {version} is not running: it leaves the route with nothing to drain");
        }
        var watch = Stopwatch.StartNew();
        await ctx.RouteLock.WaitAsync(ct);
        try
        {
            await ctx.Router.ApplyAsync(ctx.RouteFor(rollout, backends), ct);
        }
        finally
        {
            ctx.RouteLock.Release();
        }
        await Log(rollout, "traffic " + string.Join(", ", weights.Select(w => $"{w.Key}={w.Value}%")), watch);
        return new Observation.WeightsApplied();
    }

    private async Task<Observation> RetireAsync(Rollout rollout, string version, CancellationToken ct)
    {
        var known = await ctx.Store.GetRevisionAsync(ctx.App, version, ct);
        await ctx.RemoveFromRouteAsync([version], ct);
        var draining = Stopwatch.StartNew();
        await WaitDrainedAsync(version, ct);
        await Log(rollout, $"revision {version} drained", draining);
        if (known is not null)
        {
            // Recorded first, so that the watcher does not take the stop for a death; stopping is idempotent.
            await ctx.Store.SaveRevisionAsync(known with { Status = RevisionStatus.Stopped }, ct);
            await ctx.Target.StopAsync(ReleaseContext.HandleOf(known), ctx.ManifestOf(known).Run.StopTimeout, ct);
        }
        await Log(rollout, $"revision {version} stopped");
        return new Observation.RevisionRetired(version);
    }

    /// <summary>Requests already on their way to the revision finish before it is stopped (bounded by the stop timeout).</summary>
    private async Task WaitDrainedAsync(string version, CancellationToken ct)
    {
        var deadline = ctx.Time.GetUtcNow() + ctx.Manifest.Run.StopTimeout;
        while (ctx.Time.GetUtcNow() < deadline)
        {
            var traffic = await ctx.Router.GetTrafficAsync(ctx.App, ct);
            if (!traffic.TryGetValue(version, out var t) || t.InFlight == 0)
                return;
            await Task.Delay(TimeSpan.FromMilliseconds(20), ctx.Time, ct);
        }
    }

    private async Task<RevisionHandle> RequireRevision(string version, CancellationToken ct) =>
        await RunningAsync(version, ct) ?? throw new InvalidOperationException($"revision {version} is not running");

    /// <summary>The revision's handle when it became healthy and its very process still runs.</summary>
    private async Task<RevisionHandle?> RunningAsync(string version, CancellationToken ct) =>
        await ctx.RunningAsync(version, ct) is { } running ? ReleaseContext.HandleOf(running) : null;

    private Task Log(Rollout rollout, string message, Stopwatch? watch = null) =>
        ctx.Store.AppendEventAsync(rollout.Id, message, watch?.Elapsed.TotalMilliseconds, CancellationToken.None);
}
