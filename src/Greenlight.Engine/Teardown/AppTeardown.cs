using Greenlight.Core.Targets;
using Greenlight.Engine.Rollouts;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Teardown;

/// <summary>
/// Stops one app of a state directory in the order that loses no request: its route leaves the edge first (the edge
/// lets the requests in flight on it finish), then each revision is recorded as stopped, so that no controller takes
/// its end for a death and starts it again, and stopped with the manifest's grace (SIGTERM, then SIGKILL).
/// </summary>
public sealed class AppTeardown(IStateStore store, IDeploymentTarget target)
{
    /// <param name="removeRoute">Takes the app's route away once the requests in flight on it finished; null when the
    /// route stays (the edge itself is stopped, and keeps its table for the next start).</param>
    public async Task<AppStopped> StopAsync(string app, Func<CancellationToken, Task<RouteRemoval>>? removeRoute, TimeSpan stopTimeout, CancellationToken ct)
    {
        var route = removeRoute is null ? RouteRemoval.Kept : await removeRoute(ct);
        var stopped = new List<RevisionStopped>();
        foreach (var revision in await store.ListRevisionsAsync(app, ct))
        {
            if (revision.Status == RevisionStatus.Stopped)
                continue;
            var handle = ReleaseContext.HandleOf(revision);
            var running = target.IsRunning(handle);
            await store.SaveRevisionAsync(revision with { Status = RevisionStatus.Stopped }, ct);
            // Also when it is not running: a launch that never got recorded is found by its launch id and stopped.
            await target.StopAsync(handle, stopTimeout, ct);
            stopped.Add(new RevisionStopped(revision.Version, revision.Pid, running, revision.Status) { Instance = revision.Instance });
        }
        if (stopped.Count > 0 && await store.ListRolloutsAsync(app, 1, ct) is [var newest])
            await store.AppendEventAsync(newest.Id, $"stopped by `greenlight down`: {string.Join(", ", stopped.Select(s => s.Text))}", null, ct);
        var unfinished = (await store.ListUnfinishedAsync(app, ct)).Where(r => r.IsActive || r.IsWaiting)
            .Select(r => new UnfinishedRelease(r.Id, r.Version, r.Phase)).ToList();
        return new AppStopped(app, route, stopped, unfinished);
    }
}
