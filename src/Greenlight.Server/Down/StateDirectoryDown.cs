using System.Diagnostics;
using Greenlight.Core.Targets;
using Greenlight.Edge;
using Greenlight.Engine.State;
using Greenlight.Engine.Teardown;
using Greenlight.Providers.Targets.Process;
using Greenlight.Providers.Traffic.Edge;
using Greenlight.Server.Edge;
using Greenlight.Server.Hosting;

namespace Greenlight.Server.Down;

/// <summary>
/// `greenlight down` where no controller has to be asked: stops what a state directory runs, in the order that loses
/// no request in flight. The controller first, so that it neither restarts the edge nor starts revisions again; then
/// the edge, which stops accepting and lets the requests it accepted finish; then the revisions (<see cref="AppTeardown"/>),
/// which no edge sends anything to any more.
/// </summary>
/// <param name="stopTimeout">The grace of an app's revisions: its manifest's <c>run.stopTimeout</c>.</param>
/// <param name="state">Where the controller keeps its state (`down --state`); null: as <see cref="StateLocation.Resolve"/> finds it.</param>
public sealed class StateDirectoryDown(ControllerFiles files, IDeploymentTarget target, Func<string, TimeSpan> stopTimeout, TimeProvider time, StateLocation? state = null)
{
    /// <summary>A controller stops within a second or two of SIGTERM; `greenlight up` itself gives up after 15 s.</summary>
    public static readonly TimeSpan ControllerGrace = TimeSpan.FromSeconds(20);

    /// <summary>An edge drains its requests for up to 15 s after SIGTERM (then `greenlight edge` exits anyway).</summary>
    public static readonly TimeSpan EdgeGrace = TimeSpan.FromSeconds(20);

    public string StateDirectory => files.StateDirectory;

    private string EdgeDirectory => EdgeSupervisor.StateDirectoryOf(files);

    /// <summary>The controller's process, found by the lock it holds on the state directory; null when none runs.</summary>
    public int? Controller => LocalProcesses.Holding(files.LockPath).Cast<int?>().FirstOrDefault();

    /// <summary>Every app this state directory knows of: those with revisions recorded, and <paramref name="also"/>.</summary>
    public async Task<IReadOnlyList<string>> AppsAsync(string? also, CancellationToken ct)
    {
        var recorded = OpenStore() is { } store ? await store.ListAppsAsync(ct) : [];
        return [.. recorded.Append(also).OfType<string>().Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Stops the controller, the edge and every app's revisions. The edge keeps its route table for its next start.</summary>
    public async Task<DownReport> StopAllAsync(IReadOnlyList<string> apps, CancellationToken ct)
    {
        var controller = Controller is { } pid ? await StopAsync(pid, ControllerGrace, ct) : null;
        var edges = new List<ProcessStopped>();
        // A standby may take an edge over as it stops (it should not: it ends with the controller); then it is stopped too.
        foreach (var directory in EdgeSupervisor.AllStateDirectoriesOf(files))
            for (var i = 0; i < 3 && LocalProcesses.Holding(EdgeServer.LockFileOf(directory)) is [var edge, ..]; i++)
                if (await StopAsync(edge, EdgeGrace, ct) is { } stopped)
                    edges.Add(stopped);
        var stoppedApps = new List<AppStopped>();
        if (OpenStore() is { } store)
            foreach (var app in apps)
                stoppedApps.Add(await new AppTeardown(store, target).StopAsync(app, null, stopTimeout(app), ct));
        return new DownReport(files.StateDirectory, controller, edges, stoppedApps);
    }

    /// <summary>Stops one app while no controller runs: its route leaves the edge (or, with no edge running, its saved
    /// table), then its revisions stop.</summary>
    public async Task<AppStopped> StopAppAsync(string app, CancellationToken ct)
    {
        if (OpenStore() is not { } store)
            return new AppStopped(app, await RemoveRouteAsync(app, ct), [], []); // no revision was ever recorded here
        return await new AppTeardown(store, target).StopAsync(app, c => RemoveRouteAsync(app, c), stopTimeout(app), ct);
    }

    /// <summary>The edge of the app's region: a lane of an app with environments (app.environment.region) is routed by its
    /// region's edge, any other app by the state directory's edge.</summary>
    private string EdgeDirectoryOf(string app) =>
        app.Split('.') is [_, var environment, var region] ? EdgeSupervisor.StateDirectoryOf(files, environment, region) : EdgeDirectory;

    private async Task<RouteRemoval> RemoveRouteAsync(string app, CancellationToken ct)
    {
        var directory = EdgeDirectoryOf(app);
        if (EdgeConnection.TryRead(directory) is { } edge)
            return await edge.CreateRouter().RemoveAsync(app, ct) ? RouteRemoval.Removed : RouteRemoval.Absent;
        return await EdgeServer.ForgetSavedRouteAsync(directory, app, ct) switch
        {
            true => RouteRemoval.Removed,
            false => RouteRemoval.Absent,
            // An edge started between the two looks: it holds the table now, so it is asked.
            null => EdgeConnection.TryRead(directory) is { } started && await started.CreateRouter().RemoveAsync(app, ct)
                ? RouteRemoval.Removed
                : RouteRemoval.Absent,
        };
    }

    private async Task<ProcessStopped?> StopAsync(int pid, TimeSpan grace, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        return await LocalProcesses.StopAsync(pid, grace, time, ct) is { } graceful
            ? new ProcessStopped(pid, graceful, Math.Round(watch.Elapsed.TotalMilliseconds, 1))
            : null;
    }

    // Opened once, when first needed: on PostgreSQL that connects and checks the schema.
    private IStateStore? OpenStore() => (_store ??= new Lazy<IStateStore?>(() => StateStores.OpenConfigured(files.StateDirectory, time, location: state))).Value;

    private Lazy<IStateStore?>? _store;
}
