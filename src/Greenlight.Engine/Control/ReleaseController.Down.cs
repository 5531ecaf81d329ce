using Greenlight.Engine.Teardown;

namespace Greenlight.Engine.Control;

public sealed partial class ReleaseController
{
    /// <summary>
    /// `greenlight down --app`: takes the app's route off the edge, then stops its revisions, recorded as stopped so that
    /// the revision watcher neither mourns nor repairs them; the controller and the edge go on. Refused while a release of
    /// the app is in progress or waiting, which would start revisions again; the lane stays held meanwhile.
    /// </summary>
    public async Task<AppStopped> StopAppAsync(string app, CancellationToken ct)
    {
        if (app != App)
            throw new ReleaseRejectedException(RejectionKind.NotFound, $"no app {app} here; the apps of this controller: {App}");
        await _gate.WaitAsync(ct);
        try
        {
            if (Live().FirstOrDefault(r => r.IsActive || r.IsWaiting) is { } busy)
                throw new ReleaseRejectedException(RejectionKind.Conflict,
                    $"release {busy.Version} of {App} (rollout {busy.Id}, {busy.Phase}) would start revisions again: let it finish (`greenlight watch {busy.Id}`) or end it (`greenlight abort {busy.Id}`), then run down again");
            return await new AppTeardown(_ctx.Store, _ctx.Target).StopAsync(App, RemoveRouteAsync, _ctx.Manifest.Run.StopTimeout, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<RouteRemoval> RemoveRouteAsync(CancellationToken ct)
    {
        await _ctx.RouteLock.WaitAsync(ct);
        try
        {
            return await _ctx.Router.RemoveAsync(App, ct) ? RouteRemoval.Removed : RouteRemoval.Absent;
        }
        finally
        {
            _ctx.RouteLock.Release();
        }
    }
}
