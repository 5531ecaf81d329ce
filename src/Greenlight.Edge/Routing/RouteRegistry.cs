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
    Func<ListenAddress, EdgeApp, CancellationToken, Task<PublicListener>> startListener,
    ILogger<RouteRegistry> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, EdgeApp> _apps = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public IReadOnlyList<AppRoute> Routes => [.. _apps.Values.Select(a => a.Table.Route).OrderBy(r => r.App, StringComparer.Ordinal)];

    public AppRoute? Get(string app) => _apps.TryGetValue(app, out var entry) ? entry.Table.Route : null;

    public IReadOnlyDictionary<string, RevisionTraffic>? Traffic(string app) =>
        _apps.TryGetValue(app, out var entry) ? entry.Traffic() : null;

    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        foreach (var route in await store.LoadAsync(cancellationToken))
        {
            EdgeApp app;
            try
            {
                app = new EdgeApp(route, Parse(route.Listen), metrics, certificates);
            }
            catch (TlsCertificateException e)
            {
                // Never serve a TLS route without its certificate; the next PUT of this app brings it back.
                LogRestoreTlsFailed(route.App, e.Message);
                continue;
            }

            _apps[route.App] = app;
            try
            {
                app.Listener = await startListener(app.Listen, app, cancellationToken);
            }
            catch (Exception e) when (IsBindFailure(e))
            {
                // Keep the route: the next PUT of this app retries the bind.
                LogRestoreBindFailed(route.App, app.Listen.ToString(), e);
            }
        }

        LogRestored(_apps.Count);
    }

    /// <summary>Applies a validated route: the next request sees it; returns once routes.json holds it, so a restarted
    /// edge serves at least what was acknowledged. Throws <see cref="RouteConflictException"/> when its listen address is
    /// taken, and whatever the disk threw (with the change undone) when it cannot be saved.</summary>
    public async Task ApplyAsync(AppRoute route, CancellationToken cancellationToken)
    {
        Change change;
        RefuseWhileHandingOver();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            RefuseWhileHandingOver();
            change = await ChangeLockedAsync(route, Parse(route.Listen), cancellationToken);
            // A moved app keeps the gate until saved: the next change may move it again, and the old listener closes only
            // once the new address is on disk.
            if (change.Moved) await SaveOrUndoAsync(change, locked: true, CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }

        if (!change.Moved) await SaveOrUndoAsync(change, locked: false, cancellationToken);
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

            // Drains in-flight requests before the port is released; the gate keeps a re-add off the port meanwhile.
            if (app.Listener is { } listener) await listener.DisposeAsync();
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
        await Task.WhenAll(_apps.Values.Select(a => a.Listener?.DisposeAsync().AsTask() ?? Task.CompletedTask));
        _apps.Clear();
    }
}
