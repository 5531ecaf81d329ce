using Greenlight.Core.Rollouts;
using Greenlight.Engine.Rollouts;
using Greenlight.Engine.State;
using Greenlight.Migrations;

namespace Greenlight.Engine.Control;

public sealed partial class ReleaseController
{
    public async Task<StatusReport> StatusAsync(CancellationToken ct)
    {
        var route = await _ctx.Router.GetAsync(App, ct);
        var backends = route?.Backends ?? [];
        var serving = backends.Where(b => b.Weight > 0).MaxBy(b => b.Weight)?.Revision;
        var live = Live();
        var revisions = await _ctx.Store.ListRevisionsAsync(App, ct);
        // What serves was released with its own manifest: its listener and database are the ones in effect.
        var current = revisions.FirstOrDefault(r => r.Version == serving) is { } s ? _ctx.ManifestOf(s) : _ctx.Manifest;
        var rows = revisions.Select(r =>
        {
            var running = r.Status != RevisionStatus.Stopped && _ctx.Target.IsRunning(ReleaseContext.HandleOf(r));
            var weight = backends.FirstOrDefault(b => b.Revision == r.Version)?.Weight ?? 0;
            var role = r.Status == RevisionStatus.Dead || (!running && r.Status != RevisionStatus.Stopped) ? "dead"
                : !running ? "stopped"
                : r.Status == RevisionStatus.Starting ? "starting"
                : r.Version == serving ? "serving"
                : weight > 0 ? "canary"
                : live.Any(l => l.Stable == r.Version && l.Phase == RolloutPhase.Warm) ? "warm"
                : "idle";
            return new RevisionRow(r.Version, r.Pid, r.Port, running, weight, role, r.StartedAt) { ManifestDigest = r.ManifestDigest, Instance = r.Instance };
        }).ToList();
        // Read once per rollout: an analysis that ends meanwhile removes its entry.
        var analysis = live.Select(l => (l.Id, Verdict: _ctx.LatestAnalysis.GetValueOrDefault(l.Id)))
            .Where(a => a.Verdict is not null).ToDictionary(a => a.Id, a => a.Verdict!);
        var report = new StatusReport(App, current.Edge.Listen, serving, backends, rows, live.OrderBy(l => l.CreatedAt).ToList(), analysis)
        {
            Drift = _drift.Latest?.Findings ?? [],
        };
        if (current.Database is not { } db)
            return report;
        try
        {
            return report with { Schema = await db.CreateMigrator(_ctx.Time).ReadStatusAsync(ct) };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return report with { SchemaError = _ctx.Secrets.Apply(e.Message) };
        }
    }

    /// <summary>Stops every revision this app runs; for the demo and for tearing down, never part of a release.</summary>
    public async Task StopAllRevisionsAsync(CancellationToken ct)
    {
        foreach (var r in await _ctx.Store.ListRevisionsAsync(App, ct))
        {
            if (r.Status == RevisionStatus.Stopped)
                continue;
            await _ctx.Store.SaveRevisionAsync(r with { Status = RevisionStatus.Stopped }, ct);
            await _ctx.Target.StopAsync(ReleaseContext.HandleOf(r), _ctx.ManifestOf(r).Run.StopTimeout, ct);
        }
    }
}
