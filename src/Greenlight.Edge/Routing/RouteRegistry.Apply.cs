using Greenlight.Core.Traffic;
using Greenlight.Edge.Forwarding;

namespace Greenlight.Edge.Routing;

internal sealed partial class RouteRegistry
{
    /// <summary>A change made to the table, with what undoing it needs.</summary>
    private sealed record Change(
        EdgeApp App, RouteTable Table, RouteTable? Previous, List<string> Added,
        PublicListener? Started, ListenAddress PreviousListen, PublicListener? PreviousListener, long Number)
    {
        public bool Moved => Started is not null;
    }

    /// <summary>Binds the listener when the app moves (or is new), then swaps the table: the next request sees it.</summary>
    private async Task<Change> ChangeLockedAsync(AppRoute route, ListenAddress listen, CancellationToken cancellationToken)
    {
        var owner = _apps.Values.FirstOrDefault(a => a.Name != route.App && a.Listen == listen);
        if (owner is not null)
            throw new RouteConflictException(new FieldError("listen", $"{listen} is already used by app '{owner.Name}'"));

        var existing = _apps.GetValueOrDefault(route.App);
        if (existing is not null && existing.Listen == listen && !SameShape(existing.Table.Route.Tls, route.Tls))
            throw new RouteConflictException(new FieldError("tls",
                $"switching TLS on or off or changing redirectHttp of a listener needs another listen address than {listen}, or the route deleted first"));
        var app = existing ?? new EdgeApp(route, listen, metrics, certificates);
        var added = new List<string>();
        var table = existing?.Build(route, added) ?? app.Table;
        var moving = existing is null || existing.Listen != listen || existing.Listener is null;
        var started = moving ? await BindAsync(listen, app, cancellationToken) : null;
        var change = new Change(app, table, existing?.Table, added, started, app.Listen, app.Listener, 0);
        app.Swap(table);
        _apps[route.App] = app;
        if (moving)
            (app.Listen, app.Listener) = (listen, started);
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

        if (change.Moved && change.PreviousListener is { } previous) await previous.DisposeAsync();
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

        if (change.Started is { } started)
        {
            (app.Listen, app.Listener) = (change.PreviousListen, change.PreviousListener);
            await started.DisposeAsync();
        }

        return Changed();
    }

    private async Task<PublicListener> BindAsync(ListenAddress listen, EdgeApp app, CancellationToken cancellationToken)
    {
        try
        {
            return await startListener(listen, app, cancellationToken);
        }
        catch (Exception e) when (IsBindFailure(e))
        {
            throw new RouteConflictException(new FieldError("listen", $"cannot listen on {listen}: {e.Message}"), e);
        }
    }

    /// <summary>Whether a listener bound for <paramref name="a"/> serves <paramref name="b"/> too (certificates and versions
    /// are chosen per handshake; the endpoints are fixed).</summary>
    private static bool SameShape(Core.Traffic.EdgeTls? a, Core.Traffic.EdgeTls? b) =>
        (a is null) == (b is null) && a?.RedirectHttp == b?.RedirectHttp;

    private static bool IsBindFailure(Exception e) => e is IOException or System.Net.Sockets.SocketException;

    private static ListenAddress Parse(string listen) =>
        ListenAddress.TryParse(listen, allowAnyPort: false, out var address, out var reason)
            ? address
            : throw new ArgumentException(reason, nameof(listen));
}
