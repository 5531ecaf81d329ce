using System.Diagnostics;
using Greenlight.Core.Manifest;
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
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

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

    /// <summary>Every instance of the revision, started in parallel: it is ready only when all of them are healthy. Those a
    /// previous controller left running are adopted; when one fails to start, the others are stopped too.</summary>
    private async Task<Observation> StartAsync(Rollout rollout, string version, CancellationToken ct)
    {
        var count = ctx.Manifest.Run.Instances;
        var known = await ctx.Store.ListInstancesAsync(ctx.App, version, ct);
        // Instances beyond the count, left by an earlier run of this revision name, are not part of it any more.
        await StopAsync([.. known.Where(k => k.Instance >= count && k.Status != RevisionStatus.Stopped)], ct);
        var adopted = new List<RevisionRecord>();
        var starting = new List<int>();
        foreach (var instance in Enumerable.Range(0, count))
        {
            var record = known.FirstOrDefault(k => k.Instance == instance);
            if (record is null || record.Status == RevisionStatus.Stopped || !ctx.Target.IsRunning(ReleaseContext.HandleOf(record)))
                starting.Add(instance);
            else if (record.Status == RevisionStatus.Running)
                adopted.Add(record);
            else
            {
                // Launched by a controller that died before it was healthy: nobody saw it become so, start over.
                await ctx.Target.StopAsync(ReleaseContext.HandleOf(record), ctx.ManifestOf(record).Run.StopTimeout, ct);
                await Log(rollout, $"stopped revision {record.Name} (pid {record.Pid}) left starting by a previous controller");
                starting.Add(instance);
            }
        }
        foreach (var record in adopted)
            await Log(rollout, $"adopted running revision {record.Name} (pid {record.Pid})");
        if (starting.Count == 0)
            return new Observation.RevisionReady(version);
        var watch = Stopwatch.StartNew();
        var fingerprint = Drift.Fingerprints.RecordAsync(ctx, ctx.SpecFor(version), rollout.ManifestDigest, ct); // hashed while it starts
        var launcher = new InstanceLauncher(ctx);
        var started = starting.Select(async instance =>
        {
            var spec = ctx.SpecFor(version, instance);
            var handle = await launcher.StartAsync(spec, known.FirstOrDefault(k => k.Instance == instance)?.LaunchId, rollout.ManifestDigest, ct);
            await Log(rollout, $"revision {RevisionRecord.NameOf(version, instance)} healthy on port {handle.Port} (pid {handle.Pid})", watch);
        }).ToList();
        try
        {
            await Task.WhenAll(started);
        }
        catch when (count > 1)
        {
            // Not healthy as a whole (Task.WhenAll waited for every start): none of it stays running, as a revision of one
            // process that failed does not.
            await StopAsync(await ctx.Store.ListInstancesAsync(ctx.App, version, CancellationToken.None), CancellationToken.None);
            throw;
        }
        finally
        {
            await fingerprint;
        }
        return new Observation.RevisionReady(version);
    }

    /// <summary>Records the instances stopped first, so that the watcher does not take the stops for deaths; then stops them
    /// all at once. Stopping is idempotent.</summary>
    private async Task StopAsync(IReadOnlyList<RevisionRecord> instances, CancellationToken ct)
    {
        foreach (var known in instances)
            await ctx.Store.SaveRevisionAsync(known with { Status = RevisionStatus.Stopped }, ct);
        await Task.WhenAll(instances.Select(known => ctx.Target.StopAsync(ReleaseContext.HandleOf(known), ctx.ManifestOf(known).Run.StopTimeout, ct)));
    }

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
        // Before the flip, each instance is checked directly: any of them will take users' requests.
        IReadOnlyList<(string Name, Uri Address, string? Host)> targets = c.Stage == CheckStage.BeforeFlip
            ? [.. (await RequireRevision(c.Version, ct)).Select(r => (r.Name, ReleaseContext.HandleOf(r).BaseAddress, (string?)null))]
            : [("the edge", ctx.PublicAddress, ctx.PublicHost)];
        var watch = Stopwatch.StartNew();
        foreach (var (name, address, host) in targets)
        {
            var report = await ctx.Checks.RunAsync(ctx.Manifest.Checks, address, ct, host);
            var against = c.Stage == CheckStage.BeforeFlip ? $"against {name} directly" : "through the edge";
            if (!report.Passed)
                return new Observation.EffectFailed($"synthetic checks failed {against}: {report.Describe()}");
        }
        var where = c.Stage == CheckStage.BeforeFlip ? $"against {c.Version} directly" : "through the edge";
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
            if (await ctx.RunningAsync(version, ct) is { Count: > 0 } running)
                backends.Add(RouteBackend.For(version, [.. running.Select(r => ReleaseContext.HandleOf(r).BaseAddress)], weight));
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
        await ctx.RemoveFromRouteAsync([version], ct);
        var draining = Stopwatch.StartNew();
        var ended = await WaitDrainedAsync(version, ct);
        await Log(rollout, ended switch
        {
            0 => $"revision {version} drained",
            _ => $"revision {version} drained: edge.drainTimeout ({DurationText.Format(ctx.Manifest.Edge.DrainTimeout)}) ended {ended} open connection(s)",
        }, draining);
        var instances = await ctx.Store.ListInstancesAsync(ctx.App, version, ct);
        await StopAsync(instances, ct);
        await Log(rollout, instances.Count > 1 ? $"revision {version} stopped ({instances.Count} instances)" : $"revision {version} stopped");
        return new Observation.RevisionRetired(version);
    }

    /// <summary>Requests already on their way to the revision, WebSockets and streams included, finish before it is stopped.
    /// The edge ends those still open once edge.drainTimeout has passed since the revision left the route; returns how many
    /// it ended (those the wait left open count too: stopping the revision ends them).</summary>
    private async Task<long> WaitDrainedAsync(string version, CancellationToken ct)
    {
        // The edge's clock started a moment earlier, when the route changed; the grace lets it end them and say so.
        var deadline = ctx.Time.GetUtcNow() + ctx.Manifest.Edge.DrainTimeout + DrainGrace;
        while (true)
        {
            var traffic = await ctx.Router.GetTrafficAsync(ctx.App, ct);
            if (!traffic.TryGetValue(version, out var t) || t.InFlight == 0)
                return t?.DrainEnded ?? 0;
            if (ctx.Time.GetUtcNow() >= deadline)
                return t.DrainEnded + t.InFlight;
            await Task.Delay(TimeSpan.FromMilliseconds(20), ctx.Time, ct);
        }
    }

    private async Task<IReadOnlyList<RevisionRecord>> RequireRevision(string version, CancellationToken ct) =>
        await ctx.RunningAsync(version, ct) is { Count: > 0 } running ? running : throw new InvalidOperationException($"revision {version} is not running");

    private Task Log(Rollout rollout, string message, Stopwatch? watch = null) =>
        ctx.Store.AppendEventAsync(rollout.Id, message, watch?.Elapsed.TotalMilliseconds, CancellationToken.None);
}
