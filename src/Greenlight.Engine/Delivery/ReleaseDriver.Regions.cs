using Greenlight.Core.Delivery;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Control;

namespace Greenlight.Engine.Delivery;

internal sealed partial class ReleaseDriver
{
    /// <summary>The release's rollout in one region: started once, then followed until the region serves the new version
    /// or the rollout ended otherwise.</summary>
    /// <remarks>The rollout's id is kept on the release before the lane is asked, and the lane starts a given id at most
    /// once, as a revision's launch id is recorded before its spawn: a controller killed at any instant leaves either no
    /// id (nothing was asked), or an id the lane never saw (asked again, under that id), or the lane's rollout of that id
    /// (followed). Adopting whatever rollout of the same version and manifest the lane has instead would guess: an earlier
    /// release of them may have left one that ended.</remarks>
    private async Task<ReleaseObservation> RollOutAsync(string environment, string region, CancellationToken ct)
    {
        var lane = ctx.Lane(environment, region);
        var key = Lanes.Key(environment, region);
        if (!State.Rollouts.TryGetValue(key, out var id))
        {
            id = ReleaseController.NewRolloutId();
            await KeepAsync(key, id, $"{key}: rollout {id} of {State.Version} requested", ct);
        }
        var gate = State.PipelineRunId is { } run ? await ctx.Pipelines.GetAsync(run, ct) : null;
        await lane.DeployAsync(new DeployRequest(State.Version, State.Hotfix, Manifest: ctx.Manifest) { GatedBy = gate, RolloutId = id }, ct);
        var final = await lane.WaitAsync(id, r => r.IsSettled, ct);
        var result = final.Serves == final.RevisionName ? RolloutResult.Completed
            : final.Phase == RolloutPhase.RolledBack ? RolloutResult.RolledBack
            : RolloutResult.Failed;
        return new ReleaseObservation.RolloutEnded(environment, region, result, final.Reason);
    }

    /// <summary>The region returns to the revision it served before: a rollout still running is aborted, a warm one is
    /// rolled back in one swap; a region the rollout already returned, or never left, is back as it is.</summary>
    private async Task<ReleaseObservation> RollBackAsync(string environment, string region, CancellationToken ct)
    {
        var lane = ctx.Lane(environment, region);
        if (!State.Rollouts.TryGetValue(Lanes.Key(environment, region), out var id) || await lane.GetRolloutAsync(id, ct) is not { } rollout)
            return new ReleaseObservation.RegionRolledBack(environment, region);
        // The region's record says why: the release's reason (a failed bake, an abort), not a user's request.
        var why = $"release {State.Id}: {State.Reason}";
        if (!rollout.IsSettled)
            await lane.AbortAsync(id, why, ct);
        else if (rollout.Phase == RolloutPhase.Warm)
            await lane.RollbackAsync(why, ct);
        else if (rollout.Serves == rollout.RevisionName)
            return new ReleaseObservation.RegionRollbackFailed(environment, region,
                $"rollout {id} completed: the previous revision {rollout.Stable ?? "(none)"} is no longer kept warm");
        var final = await lane.WaitAsync(id, r => r.TrafficBack, ct);
        return final.Serves == final.RevisionName
            ? new ReleaseObservation.RegionRollbackFailed(environment, region, final.Reason ?? $"rollout {id} ended {final.Phase}")
            : new ReleaseObservation.RegionRolledBack(environment, region);
    }

    /// <summary>Records which rollout runs the release in a region, so a resumed controller follows it.</summary>
    private async Task KeepAsync(string key, string rolloutId, string log, CancellationToken ct)
    {
        await _saving.WaitAsync(ct);
        try
        {
            var next = State with { Rollouts = new Dictionary<string, string>(State.Rollouts) { [key] = rolloutId } };
            await ctx.Store.SaveReleaseAsync(next, [log], ct);
            State = next;
            ctx.Saved();
        }
        finally
        {
            _saving.Release();
        }
    }
}
