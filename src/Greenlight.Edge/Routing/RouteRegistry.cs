using System.Collections.Concurrent;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Forwarding;
using Greenlight.Edge.Metrics;
using Greenlight.Edge.Persistence;
using Greenlight.Edge.Tls;
using Microsoft.Extensions.Logging;

namespace Greenlight.Edge.Routing;

/// <summary>
/// The control side of the edge. Changes are serialised and ordered so a failure leaves nothing half-applied: bind the
/// new listener, swap the table, save routes.json (writes shared by the changes made meanwhile), acknowledge; a change
/// that cannot be saved is undone. Reads (per request, admin GETs) never take the gate.
/// </summary>
internal sealed partial class RouteRegistry(
    RouteStore store,
    EdgeMetrics metrics,
    CertificateLoader certificates,
    Func<ListenAddress, ListenerSite, CancellationToken, Task<PublicListener>> startListener,
    ILogger<RouteRegistry> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, EdgeApp> _apps = new(StringComparer.Ordinal);
    private readonly Dictionary<ListenAddress, ListenerSite> _sites = []; // changed and read under the gate only
    private readonly SemaphoreSlim _gate = new(1, 1);

    public IReadOnlyList<AppRoute> Routes => [.. _apps.Values.Select(a => a.Table.Route).OrderBy(r => r.App, StringComparer.Ordinal)];

    public AppRoute? Get(string app) => _apps.TryGetValue(app, out var entry) ? entry.Table.Route : null;

    public IReadOnlyDictionary<string, RevisionTraffic>? Traffic(string app) =>
        _apps.TryGetValue(app, out var entry) ? entry.Traffic() : null;

    /// <summary>Reads routes.json and binds each address's listener. Two saved routes that cannot share their address stop
    /// the edge (as a file that does not parse does) rather than serve one of them.</summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        foreach (var route in await store.LoadAsync(cancellationToken))
        {
            var listen = Parse(route.Listen);
            var site = _sites.GetValueOrDefault(listen) ?? new ListenerSite(listen, route.Tls);
            var share = ListenerShare.Of(route);
            if (Conflict(site, share, except: null) is { } conflict)
                throw new InvalidDataException($"{store.Path}: route '{route.App}': {conflict.Field} {conflict.Reason}");
            EdgeApp app;
            try
            {
                app = new EdgeApp(route, site, metrics, certificates);
            }
            catch (TlsCertificateException e)
            {
                // Never serve a TLS route without its certificate; the next PUT of this app brings it back.
                LogRestoreTlsFailed(route.App, e.Message);
                continue;
            }

            site.Map = site.Map.With(app, share);
            _sites[listen] = site;
            _apps[route.App] = app;
        }

        foreach (var site in _sites.Values)
        {
            try
            {
                site.Listener = await startListener(site.Address, site, cancellationToken);
            }
            catch (Exception e) when (IsBindFailure(e))
            {
                // Keep the routes: the next PUT of an app here retries the bind.
                LogRestoreBindFailed(string.Join(", ", site.Map.Entries.Select(a => a.App.Name)), site.Address.ToString(), e);
            }
        }

        LogRestored(_apps.Count);
    }

    /// <summary>Applies a validated route: the next request sees it; returns once routes.json holds it, so a restarted
    /// edge serves at least what was acknowledged. Throws <see cref="RouteConflictException"/> when its listen address is
    /// taken or cannot be shared, and whatever the disk threw (with the change undone) when it cannot be saved.</summary>
    public async Task ApplyAsync(AppRoute route, CancellationToken cancellationToken)
    {
        Change change;
        RefuseWhileHandingOver();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            RefuseWhileHandingOver();
            change = await ChangeLockedAsync(route, Parse(route.Listen), cancellationToken);
            // An app that moved, came or changed its hosts keeps the gate until saved: the next change may move it again or
            // claim what it left, and the old listener closes only once the new address is on disk.
            if (change.Rewired) await SaveOrUndoAsync(change, locked: true, CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }

        if (!change.Rewired) await SaveOrUndoAsync(change, locked: false, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        RefuseWhileHandingOver();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            RefuseWhileHandingOver();
            if (!_apps.TryRemove(name, out var app)) return false;
            try
            {
                await SavedAsync(Changed(), CancellationToken.None);
            }
            catch (Exception e)
            {
                _apps[name] = app;
                Changed();
                throw new RouteSaveException($"cannot save the route table to {store.Path}: {e.Message}; the route was kept", e);
            }

            await LeaveAsync(app.Site, app);
            app.Forget([.. app.Revisions.Keys]);
            LogDeleted(name);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        if (Volatile.Read(ref _writing) is { } writing) await writing.ContinueWith(_ => { }, TaskScheduler.Default);
        await Task.WhenAll(_sites.Values.Select(s => s.Listener?.DisposeAsync().AsTask() ?? Task.CompletedTask));
        _sites.Clear();
        _apps.Clear();
    }
}
