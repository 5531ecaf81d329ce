using Greenlight.Core.Traffic;
using Greenlight.Edge.Forwarding;

namespace Greenlight.Edge.Routing;

internal sealed partial class RouteRegistry
{
    /// <summary>A change made to the table, with what undoing it needs.</summary>
    /// <param name="Previous">Null for an app that is new.</param>
    /// <param name="PreviousSite">Where the app listened before; null for an app that is new.</param>
    /// <param name="PreviousMap">The apps of <paramref name="Site"/> before the change.</param>
    /// <param name="Started">The listener bound for <paramref name="Site"/> by this change, if any.</param>
    /// <param name="Rewired">Whether the app came, moved or changed its hosts, rather than only its table.</param>
    private sealed record Change(
        EdgeApp App, RouteTable Table, RouteTable? Previous, List<string> Added,
        ListenerSite? PreviousSite, ListenerSite Site, HostMap PreviousMap, PublicListener? Started, bool Rewired, long Number);

    /// <summary>Binds the listener when the address is new (or failed to bind at restore), puts the app on it by its
    /// hosts, then swaps the table: the next request sees it.</summary>
    private async Task<Change> ChangeLockedAsync(AppRoute route, ListenAddress listen, CancellationToken cancellationToken)
    {
        var existing = _apps.GetValueOrDefault(route.App);
        var site = _sites.GetValueOrDefault(listen);
        var share = ListenerShare.Of(route);
        if (site is not null && Conflict(site, share, existing) is { } conflict)
            throw new RouteConflictException(new FieldError(conflict.Field, conflict.Reason));
        if (existing is not null && existing.Site == site && !SameShape(site.Tls, route.Tls))
            throw new RouteConflictException(new FieldError("tls",
                $"switching TLS on or off or changing redirectHttp of a listener needs another listen address than {listen}, or the route deleted first"));

        site ??= new ListenerSite(listen, route.Tls);
        var app = existing ?? new EdgeApp(route, site, metrics, certificates);
        var added = new List<string>();
        var table = existing?.Build(route, added) ?? app.Table;
        var previousMap = site.Map;
        var map = previousMap.With(app, share);
        var started = site.Listener is null ? await BindAsync(site, map, previousMap, cancellationToken) : null;
        var rewired = started is not null || existing?.Site != site || !ReferenceEquals(map, previousMap);
        var change = new Change(app, table, existing?.Table, added, existing?.Site, site, previousMap, started, rewired, 0);
        app.Swap(table);
        (site.Map, app.Site) = (map, site);
        site.Listener ??= started;
        _sites[listen] = site;
        _apps[route.App] = app;
        LogApplied(route.App, listen.ToString(), string.Join(", ", route.Backends.Select(b => $"{b.Revision}={b.Weight}")));
        return change with { Number = Changed() };
    }

    /// <summary>Returns once routes.json holds <paramref name="change"/>; if it cannot be saved, the change is undone (unless a
    /// later one replaced it, whose own save decides) and the failure thrown. A moved app's old listener closes only then.</summary>
    private async Task SaveOrUndoAsync(Change change, bool locked, CancellationToken cancellationToken)
    {
        try
        {
            await SavedAsync(change.Number, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (!locked) await _gate.WaitAsync(CancellationToken.None);
            long undone;
            try
            {
                undone = await UndoLockedAsync(change);
            }
            finally
            {
                if (!locked) _gate.Release();
            }

            // Another change's write may have taken this one to disk before it was undone: a restarted edge must not
            // serve what was never acknowledged. If the disk still fails, nothing more can be done here.
            try { await SavedAsync(undone, CancellationToken.None); }
            catch (Exception) { }
            throw new RouteSaveException($"cannot save the route table to {store.Path}: {e.Message}; the change was undone", e);
        }

        if (change.Rewired && change.PreviousSite is { } left && left != change.Site) await LeaveAsync(left, change.App);
    }

    /// <summary>Takes <paramref name="app"/> off <paramref name="site"/>; the last app to leave closes the listener, which
    /// drains the requests in flight (still served by the app) before the port is released.</summary>
    private async Task LeaveAsync(ListenerSite site, EdgeApp app)
    {
        var rest = site.Map.Without(app);
        if (!rest.IsEmpty)
        {
            site.Map = rest;
            return;
        }

        _sites.Remove(site.Address);
        if (site.Listener is { } listener) await listener.DisposeAsync();
    }

    /// <summary>Returns the number of the undo, itself a change to save.</summary>
    private async Task<long> UndoLockedAsync(Change change)
    {
        var app = change.App;
        if (!ReferenceEquals(app.Table, change.Table)) return 0;
        if (change.Previous is null)
        {
            _apps.TryRemove(app.Name, out _);
            app.Forget([.. app.Revisions.Keys]);
        }
        else
        {
            app.Swap(change.Previous);
            app.Forget(change.Added);
        }

        if (change.Rewired)
        {
            // The gate was held since the change: nothing else touched the site meanwhile.
            (change.Site.Map, app.Site) = (change.PreviousMap, change.PreviousSite ?? change.Site);
            if (change.Site.Map.IsEmpty) _sites.Remove(change.Site.Address);
            if (change.Started is { } started)
            {
                change.Site.Listener = null;
                await started.DisposeAsync();
            }
        }

        return Changed();
    }

    /// <summary>Binds <paramref name="site"/>'s listener with <paramref name="map"/> in place, so it serves the app from its
    /// first request; on failure the site keeps <paramref name="previous"/>.</summary>
    private async Task<PublicListener> BindAsync(ListenerSite site, HostMap map, HostMap previous, CancellationToken cancellationToken)
    {
        site.Map = map;
        try
        {
            return await startListener(site.Address, site, cancellationToken);
        }
        catch (Exception e)
        {
            site.Map = previous;
            if (IsBindFailure(e)) throw new RouteConflictException(new FieldError("listen", $"cannot listen on {site.Address}: {e.Message}"), e);
            throw;
        }
    }

    /// <summary>Why <paramref name="share"/> cannot join the apps of <paramref name="site"/> other than <paramref name="except"/>.</summary>
    private static (string Field, string Reason)? Conflict(ListenerSite site, ListenerShare share, EdgeApp? except) =>
        site.Map.Entries.Where(e => e.App != except).Select(e => share.ConflictWith(e.Share, site.Address.ToString())).FirstOrDefault(c => c is not null);

    /// <summary>Whether a listener bound for <paramref name="a"/> serves <paramref name="b"/> too (certificates and versions
    /// are chosen per handshake; the endpoints are fixed).</summary>
    private static bool SameShape(EdgeTls? a, EdgeTls? b) =>
        (a is null) == (b is null) && a?.RedirectHttp == b?.RedirectHttp;

    private static bool IsBindFailure(Exception e) => e is IOException or System.Net.Sockets.SocketException;

    private static ListenAddress Parse(string listen) =>
        ListenAddress.TryParse(listen, allowAnyPort: false, out var address, out var reason)
            ? address
            : throw new ArgumentException(reason, nameof(listen));
}
