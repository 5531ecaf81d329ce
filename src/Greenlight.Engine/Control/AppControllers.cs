using Greenlight.Engine.Delivery;
using Greenlight.Core.Manifest;

namespace Greenlight.Engine.Control;

/// <summary>
/// Every app one controller releases, each on its own lane (its own queue, releases and revisions) over the shared
/// state store, router and target: one app's failing release never blocks another's. An app whose manifest first
/// arrives with a release (added to the workspace while the controller runs) gets its lane then.
/// </summary>
public sealed class AppControllers : IAsyncDisposable
{
    private readonly ControllerOptions _options;
    private readonly RegionRouters _regions;
    private readonly TimeProvider _deliveryTime;
    private readonly SemaphoreSlim _adding = new(1, 1);
    private readonly CancellationToken _stopping;
    private volatile ReleaseController[] _all = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AppDelivery> _deliveries = new();

    private AppControllers(ControllerOptions options, RegionRouters regions, TimeProvider deliveryTime, CancellationToken stopping)
    {
        _options = options;
        _regions = regions;
        _deliveryTime = deliveryTime;
        _stopping = stopping;
    }

    /// <param name="options">What every lane shares: state directory, target, clock; <see cref="ControllerOptions.Router"/> is
    /// the edge of apps without environments.</param>
    /// <param name="regions">The edge of each region of apps with environments.</param>
    /// <param name="deliveryTime">The clock of windows, bakes and soaks; the options' clock when null.</param>
    public static async Task<AppControllers> StartAsync(IEnumerable<AppManifest> apps, ControllerOptions options, RegionRouters? regions,
        CancellationToken ct, TimeProvider? deliveryTime = null)
    {
        ReserveThreads();
        var set = new AppControllers(options, regions ?? NoRegions, deliveryTime ?? options.Time, ct);
        try
        {
            foreach (var app in apps)
            {
                if (Lanes.IsImplicit(app))
                    await set.ForAppAsync(app, ct);
                else
                    await set.DeliveryOfAsync(app, ct);
            }
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }
        return set;
    }

    /// <summary>
    /// A release's steps block a pool thread for a moment each (SQLite calls are synchronous, as are /proc reads and
    /// process spawns). With the runtime's minimum of one pool thread per core, a burst of releases (ten apps' regions
    /// at once) outgrows the pool, which then adds about two threads a second, and each step waits for a thread rather
    /// than for the CPU. Only a floor: idle threads still retire.
    /// </summary>
    private static void ReserveThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < MinPoolThreads)
            ThreadPool.SetMinThreads(MinPoolThreads, io);
    }

    private const int MinPoolThreads = 32;

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
        if (!Lanes.IsImplicit(manifest))
            throw new ReleaseRejectedException(RejectionKind.Invalid,
                $"app {manifest.App} has environments: its releases go through them (POST /v1/releases, which `greenlight deploy` uses)");
        return await AddAsync(() => _all.FirstOrDefault(c => c.App == manifest.App), async () =>
        {
            var controller = new ReleaseController(_options with { Manifest = manifest });
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
        }, ct);
    }

    /// <summary>The delivery path of an app with environments, its lanes started now if the app is new to this controller,
    /// and the lane of a region new in <paramref name="manifest"/> too (its edge starts as its router is first used).</summary>
    public async Task<AppDelivery> DeliveryOfAsync(AppManifest manifest, CancellationToken ct)
    {
        var delivery = await AddAsync(() => _deliveries.GetValueOrDefault(manifest.App), async () =>
        {
            if (_all.Any(c => c.App == manifest.App))
                throw new ReleaseRejectedException(RejectionKind.Conflict,
                    $"app {manifest.App} was released without environments by this controller; restart `greenlight up` to give it its environments");
            var started = await AppDelivery.StartAsync(manifest, _options, _regions, _deliveryTime, _stopping);
            _deliveries[manifest.App] = started;
            _all = [.. _all, .. started.Lanes.Values];
            return started;
        }, ct);
        await _adding.WaitAsync(ct);
        try
        {
            if (await delivery.AddRegionsAsync(manifest, _stopping) is { Count: > 0 } added)
                _all = [.. _all, .. added];
        }
        finally
        {
            _adding.Release();
        }
        return delivery;
    }

    /// <summary>The delivery paths of the apps with environments.</summary>
    public IReadOnlyList<AppDelivery> Deliveries => [.. _deliveries.Values];

    /// <summary>The delivery path of an app with environments, by name.</summary>
    public AppDelivery DeliveryOf(string? app)
    {
        var names = _deliveries.Keys.Order().ToList();
        if (app is null && names.Count == 1)
            return _deliveries[names[0]];
        return app is not null && _deliveries.TryGetValue(app, out var delivery) ? delivery
            : throw new ReleaseRejectedException(app is null ? RejectionKind.Invalid : RejectionKind.NotFound,
                names.Count == 0 ? "no app of this controller has environments" : $"name the app (--app): apps with environments here are {string.Join(", ", names)}");
    }

    /// <summary>The delivery path of <paramref name="app"/> (without a name, of the only app) when it has environments;
    /// null for an app released without them.</summary>
    public AppDelivery? TryDeliveryOf(string? app) =>
        app is not null ? _deliveries.GetValueOrDefault(app)
        : _deliveries.Count == 1 && _all.Length == _deliveries.Values.Single().Lanes.Count ? _deliveries.Values.Single() : null;

    /// <summary>The delivery path a release belongs to, by the release's id.</summary>
    public async Task<AppDelivery> OfReleaseAsync(string id, CancellationToken ct)
    {
        foreach (var delivery in _deliveries.Values)
            if (await delivery.GetAsync(id, ct) is { } release)
                return _deliveries[release.App];
        throw new ReleaseRejectedException(RejectionKind.NotFound, $"no release {id}");
    }

    private async Task<T> AddAsync<T>(Func<T?> known, Func<Task<T>> add, CancellationToken ct)
        where T : class
    {
        if (known() is { } found)
            return found;
        await _adding.WaitAsync(ct);
        try
        {
            return known() ?? await add();
        }
        finally
        {
            _adding.Release();
        }
    }

    private static Core.Traffic.ITrafficRouter NoRegions(string environment, string region) =>
        throw new ReleaseRejectedException(RejectionKind.Invalid, $"this controller runs no edge for region {environment}/{region}");

    /// <summary>The lane a rollout belongs to, by its id (ids are unique across apps).</summary>
    public async Task<ReleaseController> OfRolloutAsync(string id, CancellationToken ct) =>
        await _all[0].GetRolloutAsync(id, ct) is { } rollout ? Resolve(rollout.App)
            : throw new ReleaseRejectedException(RejectionKind.NotFound, $"no rollout {id}");

    private static string Names(ReleaseController[] all) => string.Join(", ", all.Select(c => c.App));

    public async ValueTask DisposeAsync()
    {
        foreach (var delivery in _deliveries.Values)
            await delivery.DisposeAsync();
        foreach (var controller in _all.Where(c => !_deliveries.Values.Any(d => d.Lanes.Values.Contains(c))))
            await controller.DisposeAsync();
    }
}
