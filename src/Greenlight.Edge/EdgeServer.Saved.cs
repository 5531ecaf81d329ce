using Greenlight.Edge.Persistence;

namespace Greenlight.Edge;

public sealed partial class EdgeServer
{
    /// <summary>The file a running edge holds locked in its state directory: whoever holds it is the edge serving there.</summary>
    public static string LockFileOf(string stateDirectory) => Path.Combine(stateDirectory, Persistence.StateDirectory.LockFileName);

    /// <summary>
    /// Takes <paramref name="app"/>'s route out of the table saved in <paramref name="stateDirectory"/> while no edge
    /// runs there, so that the next edge to start does not serve it again. The directory is held meanwhile, as an edge
    /// holds it: an edge starting at that moment waits for nothing and simply finds the new table.
    /// </summary>
    /// <returns>Whether the table held the app; null when an edge runs there (take the route away through its admin API).</returns>
    public static async Task<bool?> ForgetSavedRouteAsync(string stateDirectory, string app, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(stateDirectory)) return false;
        using var state = Persistence.StateDirectory.TryOpen(stateDirectory);
        if (state is null) return null;
        var store = new RouteStore(state.Routes);
        var routes = await store.LoadAsync(cancellationToken);
        if (routes.All(r => r.App != app)) return false;
        await store.SaveAsync(routes.Where(r => r.App != app), cancellationToken);
        return true;
    }
}
