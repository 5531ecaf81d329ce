using Greenlight.Core.Manifest;

namespace Greenlight.Engine.Control;

/// <summary>
/// Every app one controller releases, each on its own lane (its own queue, releases and revisions) over the shared
/// state store, router and target: one app's failing release never blocks another's. An app whose manifest first
/// arrives with a release (added to the workspace while the controller runs) gets its lane then.
/// </summary>
public sealed class AppControllers : IAsyncDisposable
{
    private readonly Func<AppManifest, ControllerOptions> _options;
    private readonly SemaphoreSlim _adding = new(1, 1);
    private readonly CancellationToken _stopping;
    private volatile ReleaseController[] _all = [];

    private AppControllers(Func<AppManifest, ControllerOptions> options, CancellationToken stopping)
    {
        _options = options;
        _stopping = stopping;
    }

    /// <param name="options">The options of one app's lane; the state directory, router and target are the same for all.</param>
    public static async Task<AppControllers> StartAsync(IEnumerable<AppManifest> apps, Func<AppManifest, ControllerOptions> options, CancellationToken ct)
    {
        var set = new AppControllers(options, ct);
        try
        {
            foreach (var app in apps)
                await set.ForAppAsync(app, ct);
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }
        return set;
    }

    public IReadOnlyList<ReleaseController> All => _all;

    /// <summary>The lane of <paramref name="app"/>; without a name, the only one there is.</summary>
    public ReleaseController Resolve(string? app)
    {
        var all = _all;
        if (app is null)
            return all.Length == 1 ? all[0] : throw new ReleaseRejectedException(RejectionKind.Invalid,
                $"this controller releases {Names(all)}: name the app (--app, or ?app= in the API)");
        return all.FirstOrDefault(c => c.App == app)
            ?? throw new ReleaseRejectedException(RejectionKind.NotFound, $"no app {app}: this controller releases {Names(all)}");
    }

    /// <summary>The lane of the app a manifest describes, started now if the app is new to this controller.</summary>
    public async Task<ReleaseController> ForAppAsync(AppManifest manifest, CancellationToken ct)
    {
        if (_all.FirstOrDefault(c => c.App == manifest.App) is { } known)
            return known;
        await _adding.WaitAsync(ct);
        try
        {
            if (_all.FirstOrDefault(c => c.App == manifest.App) is { } raced)
                return raced;
            var controller = new ReleaseController(_options(manifest));
            try
            {
                await controller.StartAsync(_stopping);
            }
            catch
            {
                await controller.DisposeAsync();
                throw;
            }
            _all = [.. _all, controller];
            return controller;
        }
        finally
        {
            _adding.Release();
        }
    }

    /// <summary>The lane a rollout belongs to, by its id (ids are unique across apps).</summary>
    public async Task<ReleaseController> OfRolloutAsync(string id, CancellationToken ct) =>
        await _all[0].GetRolloutAsync(id, ct) is { } rollout ? Resolve(rollout.App)
            : throw new ReleaseRejectedException(RejectionKind.NotFound, $"no rollout {id}");

    private static string Names(ReleaseController[] all) => string.Join(", ", all.Select(c => c.App));

    public async ValueTask DisposeAsync()
    {
        foreach (var controller in _all)
            await controller.DisposeAsync();
    }
}
