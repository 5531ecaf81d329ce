using Greenlight.Core.Delivery;
using Greenlight.Engine.Control;

namespace Greenlight.Engine.Delivery;

public sealed partial class AppDelivery
{
    private readonly SemaphoreSlim _rollingBack = new(1, 1);

    /// <summary>
    /// Rolls back a release that ended Halted or Failed with regions still on its revision: each region whose edge serves
    /// the revision returns to the previous one by its lane's rollback of the release's rollout there. The release runs
    /// again (resumed by a restarted controller too) until they are back; a running one is for <see cref="AbortAsync"/>.
    /// </summary>
    public async Task<Release> RollbackAsync(string id, string reason, CancellationToken ct)
    {
        await _rollingBack.WaitAsync(ct);
        try
        {
            lock (_drivers)
                if (_drivers.TryGetValue(id, out var d) && !d.Driver.State.IsTerminal)
                    throw new ReleaseRejectedException(RejectionKind.Conflict,
                        $"release {id} is {d.Driver.State.Phase}: `greenlight abort {id}` stops it and returns its regions to the previous revision");
            var release = await GetAsync(id, ct) is { } found && found.App == App ? found
                : throw new ReleaseRejectedException(RejectionKind.NotFound, $"no release {id} of {App}");
            var decision = ReleaseMachine.Decide(release, new ReleaseObservation.RollbackRequested(reason, await ServingAsync(release, ct)), _time.GetUtcNow());
            if (decision.Refused is { } refused)
                throw new ReleaseRejectedException(RejectionKind.Conflict, refused);
            var snapshot = await SnapshotAsync(release, ct);
            await _store.SaveReleaseAsync(decision.State, decision.Log, ct);
            Changed();
            // The driver issues the region rollbacks as it starts, as for a resumed release: the decision's effects are those.
            Run(decision.State, snapshot, resumed: false);
            return decision.State;
        }
        finally
        {
            _rollingBack.Release();
        }
    }

    /// <summary>A request to a release that ended: one that halted or failed may still be rolled back.</summary>
    private static ReleaseRejectedException Ended(Release r) => new(RejectionKind.Conflict, r.Phase is ReleasePhase.Halted or ReleasePhase.Failed
        ? $"release {r.Id} is {r.Phase} and moves no more: `greenlight rollback {r.Id}` returns the regions it left on {r.Version} to the previous revision"
        : $"release {r.Id} is {r.Phase} and changes nothing any more");

    /// <summary>The regions (environment/region) whose edge gives the release's revision most traffic. A region where another
    /// rollout runs now is refused: the lane's rollback would act on that one.</summary>
    private async Task<IReadOnlyList<string>> ServingAsync(Release release, CancellationToken ct)
    {
        var serving = new List<string>();
        foreach (var (key, rolloutId) in release.Rollouts)
        {
            if (!_lanes.TryGetValue(key, out var lane) || await lane.GetRolloutAsync(rolloutId, ct) is not { } rollout)
                continue;
            var status = await lane.StatusAsync(ct);
            if (status.Serving != rollout.RevisionName)
                continue;
            if (status.Rollouts.FirstOrDefault(r => r.Id != rolloutId) is { } other)
                throw new ReleaseRejectedException(RejectionKind.Conflict,
                    $"{key} serves {rollout.RevisionName} of release {release.Id}, but rollout {other.Id} of {other.Version} runs there now ({other.Phase}): let it end, or abort it, first");
            serving.Add(key);
        }
        return serving;
    }
}
