using Greenlight.Core.Drift;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Rollouts;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Control;

public sealed partial class ReleaseController
{
    /// <summary>A replacement of a dead serving revision that failed this many times in a row is not tried again.</summary>
    public const int MaxRepairs = 3;

    // Serving revisions given up on (by the rollout that left them serving), so that it is said once.
    private readonly HashSet<string> _givenUp = [];

    /// <summary>Every rollout that counts on the dead revision learns of it; its state machine decides what it means.</summary>
    private async Task OnRevisionDiedAsync(string version, string reason)
    {
        var dead = await _ctx.Store.GetRevisionAsync(App, version, _stopping.Token);
        var involved = Live().Where(r => r.RevisionName == version || r.Stable == version).ToList();
        foreach (var rollout in involved)
            Driver(rollout.Id).Signal(new Observation.RevisionDied(version, reason));
        var history = await _ctx.Store.ListRolloutsAsync(App, 20, _stopping.Token);
        if (involved.Count == 0 && history.FirstOrDefault(r => r.Serves == version) is { } owner)
            await _ctx.Store.AppendEventAsync(owner.Id, $"revision {version} died: {reason}", null, _stopping.Token);
        // The serving revision's death is drift even when its repair serves again before the next check looks.
        if (dead is not null && involved.Count == 0 && history.FirstOrDefault(r => r.Serves is not null)?.Serves == version)
            _drift.Saw(DriftRules.Gone(version, dead.Pid, dead.Port, dead.StartedAt, portAnswers: false, _ctx.Time.GetUtcNow()));
        await RepairServingAsync(_stopping.Token);
        _drift.Wake();
    }

    /// <summary>An instance died or came back while its revision served on: said where its rollouts are followed (those that
    /// count on it, else the release it serves for), and a drift check looks again.</summary>
    private async Task OnInstanceAsync(string version, string message)
    {
        _watcher?.Changed(); // an instance started again has a new record
        var involved = Live().Where(r => r.RevisionName == version || r.Stable == version).Select(r => r.Id).ToList();
        if (involved.Count == 0 && (await _ctx.Store.ListRolloutsAsync(App, 20, _stopping.Token)).FirstOrDefault(r => r.Serves == version) is { } owner)
            involved.Add(owner.Id);
        foreach (var id in involved)
            await _ctx.Store.AppendEventAsync(id, message, null, _stopping.Token);
        _drift.Wake();
    }

    /// <summary>
    /// When no release is in progress and the revision that should serve is dead, starts it again (a repair), with the
    /// warm previous revision taking the traffic meanwhile when there is one and the manifest allows it. After
    /// <see cref="MaxRepairs"/> failed repairs it stops trying, and returns to the warm previous revision if it can.
    /// Returns the repair it started, if it started one.
    /// </summary>
    private async Task<Rollout?> RepairServingAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var live = Live();
            if (live.Any(r => r.IsActive))
                return null; // the release in progress decides, and a repair would fight it for the route
            var history = await _ctx.Store.ListRolloutsAsync(App, 50, ct);
            if (history is [{ Repair: true } last, ..] && GaveWay(last))
                return null; // the user's rollback takes it from here
            if (history.FirstOrDefault(r => r.Serves is not null) is not { Serves: { } version } owner)
                return null;
            // A repair that gave way to a user's rollback did not fail, and leaves the rest to that rollback.
            var failed = history.TakeWhile(r => r.Id != owner.Id).Count(r => r is { Repair: true, Phase: RolloutPhase.Failed } && r.RevisionName == version && !GaveWay(r));
            var record = await _ctx.Store.GetRevisionAsync(App, version, ct);
            var status = record?.Status;
            // Dead, or stopped by the failed repair before this one.
            if (status != RevisionStatus.Dead && !(status == RevisionStatus.Stopped && failed > 0))
                return null;
            var warm = live.FirstOrDefault(r => r is { Phase: RolloutPhase.Warm, StableLost: null, Repair: false } && r.RevisionName == version);
            if (failed >= MaxRepairs)
            {
                if (_givenUp.Add(owner.Id))
                    await GiveUpRepairAsync(owner, warm, failed, ct);
                return null;
            }
            // Started again exactly as it was released: by its own manifest.
            var manifest = _ctx.ManifestOf(record!);
            var fallback = warm is not null && manifest.Health.FallbackToWarm ? warm.Stable : null;
            var versionOf = RevisionNames.VersionOf(version);
            var repair = Rollout.Create($"rp-{Guid.NewGuid():N}"[..11], App, versionOf, fallback, TimeSpan.Zero, _ctx.Time.GetUtcNow()) with
            {
                Repair = true,
                Revision = version == versionOf ? null : version,
                ManifestDigest = record!.ManifestDigest,
            };
            await _ctx.Store.SaveRolloutAsync(repair,
                [$"serving revision {version} died: starting it again" + (fallback is null ? "" : $"; {fallback} (warm) takes the traffic meanwhile")], ct);
            await _ctx.Store.AppendAsync(Core.Audit.ControllerDecision.Repair(repair, version), ct);
            Run(repair, manifest, resumed: false);
            return repair;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static bool GaveWay(Rollout repair) => repair.Reason?.EndsWith(RepairGivesWay, StringComparison.Ordinal) == true;

    private async Task GiveUpRepairAsync(Rollout owner, Rollout? warm, int failed, CancellationToken ct)
    {
        var why = $"serving revision {owner.Serves} died and did not start again {failed} times";
        if (warm is not null)
        {
            await _ctx.Store.AppendEventAsync(owner.Id, $"{why}: returning to {warm.Stable}", null, ct);
            Driver(warm.Id).Signal(new Observation.RollbackRequested(why));
            return;
        }
        await _ctx.Store.AppendEventAsync(owner.Id, $"{why}: not trying again; deploy a version to serve", null, ct);
    }

    /// <summary>A repair that could not keep the traffic (its checks through the edge failed) leaves it on the warm
    /// previous revision: the rollout keeping that revision warm rolls back too, or it would retire what serves.</summary>
    private void AfterRepair(Rollout repair)
    {
        // A repair that gave way to a user's rollback leaves that rollback to the user's request.
        if (repair is not { Repair: true, Phase: RolloutPhase.RolledBack } || GaveWay(repair))
            return;
        foreach (var warm in Live().Where(r => r is { Phase: RolloutPhase.Warm, Repair: false } && r.RevisionName == repair.RevisionName && r.Stable == repair.Stable))
            Driver(warm.Id).Signal(new Observation.RollbackRequested($"the replacement of {repair.RevisionName} failed: {repair.Reason}"));
    }
}
