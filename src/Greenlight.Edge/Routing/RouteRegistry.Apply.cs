using Greenlight.Core.Traffic;
using Greenlight.Edge.Forwarding;

namespace Greenlight.Edge.Routing;

internal sealed partial class RouteRegistry
{
    private async Task ApplyLockedAsync(AppRoute route, ListenAddress listen, CancellationToken cancellationToken)
    {
        var owner = _apps.Values.FirstOrDefault(a => a.Name != route.App && a.Listen == listen);
        if (owner is not null)
            throw new RouteConflictException(new FieldError("listen", $"{listen} is already used by app '{owner.Name}'"));

        var existing = _apps.GetValueOrDefault(route.App);
        var app = existing ?? new EdgeApp(route, listen, metrics);
        var added = new List<string>();
        var table = existing?.Build(route, added) ?? app.Table;
        var moving = existing is null || existing.Listen != listen || existing.Listener is null;
        PublicListener? started = null;
        try
        {
            if (moving) started = await BindAsync(listen, app, cancellationToken);
            await store.SaveAsync([.. OtherRoutes(route.App), route], cancellationToken);
        }
        catch
        {
            if (started is not null) await started.DisposeAsync();
            app.Forget(existing is null ? [.. app.Revisions.Keys] : added);
            throw;
        }

        app.Swap(table);
        _apps[route.App] = app;
        LogApplied(route.App, listen.ToString(), string.Join(", ", route.Backends.Select(b => $"{b.Revision}={b.Weight}")));
        if (!moving) return;

        var previous = app.Listener;
        app.Listen = listen;
        app.Listener = started;
        if (previous is not null) await previous.DisposeAsync();
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

    private static bool IsBindFailure(Exception e) => e is IOException or System.Net.Sockets.SocketException;

    private IEnumerable<AppRoute> OtherRoutes(string app) =>
        _apps.Values.Where(a => a.Name != app).Select(a => a.Table.Route);

    private static ListenAddress Parse(string listen) =>
        ListenAddress.TryParse(listen, allowAnyPort: false, out var address, out var reason)
            ? address
            : throw new ArgumentException(reason, nameof(listen));
}
