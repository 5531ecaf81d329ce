using Greenlight.Core.Rollouts;
using Greenlight.Core.Secrets;
using Greenlight.Engine.Rollouts;
using Greenlight.Engine.Secrets;
using Greenlight.Engine.State;
using Greenlight.Providers.Secrets;
using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Control;

/// <summary>
/// The controller of one app: accepts releases and rollbacks, runs each rollout on its own driver,
/// and resumes unfinished rollouts after a restart. Hosts (CLI demo, server) only call this.
/// </summary>
public sealed partial class ReleaseController : IAsyncDisposable
{
    private readonly ReleaseContext _ctx;
    private readonly Dictionary<string, (RolloutDriver Driver, Task Run)> _drivers = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    // Dequeued, until their driver takes the signal: meanwhile they still look queued but hold the lane.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _leaving = new();
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _changed = NewSignal();
    private Task _watching = Task.CompletedTask;
    private Watch.RevisionWatcher? _watcher;

    public ReleaseController(ControllerOptions options)
    {
        var time = options.Time;
        var secrets = SecretValues.For(options.Manifest, Environment.GetEnvironmentVariables());
        var store = options.OpenStore(secrets);
        // No cookies or redirects: every check starts as a new visitor and can assert a 302 itself.
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, UseProxy = false })
            { Timeout = TimeSpan.FromSeconds(30) };
        var resolver = new SecretResolver(SecretProviders.Create(options.StateDirectory, http, time), secrets);
        // Drift compares the edge's route with the one set last: recorded as the edge got it, TLS secrets as files.
        var router = new TlsSecretRouter(new Drift.RouteRecorder(options.Router, store, time), resolver, options.StateDirectory, options.Manifest.App);
        _ctx = new ReleaseContext(
            options.Manifest,
            options.StateDirectory,
            store,
            new SecretInjectingTarget(options.Target, resolver, store, options.StateDirectory),
            router,
            http,
            time,
            options.LoggerFactory.CreateLogger<ReleaseController>(),
            secrets)
        {
            Manifests = new ManifestCatalog(store, options.Manifest.App, secrets, options.Project),
            SecretVersions = options.SecretVersions ?? resolver,
            TlsSecrets = router,
        };
        _drift = new Drift.DriftMonitor(_ctx, Live, HealAsync);
        _driftInterval = options.DriftInterval;
        _passive = options.Passive;
    }

    private readonly bool _passive;

    public string App => _ctx.App;

    /// <summary>The app's pipeline runs: those gating releases and those run on their own.</summary>
    public Pipeline.PipelineService Pipelines => _ctx.Pipelines;

    /// <summary>Picks up every rollout a previous controller left unfinished, where it stopped, each on its own manifest.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (_passive)
            return;
        await _ctx.Pipelines.FailAbandonedRunsAsync(ct);
        foreach (var revision in await _ctx.Store.ListRevisionsAsync(App, ct))
            if (revision is { ManifestDigest: { } digest, Status: not RevisionStatus.Stopped })
                await _ctx.Manifests.LoadAsync(digest, ct);
        foreach (var rollout in await _ctx.Store.ListUnfinishedAsync(App, ct))
        {
            var manifest = await ManifestOfAsync(rollout, ct);
            await _ctx.Store.AppendEventAsync(rollout.Id, $"controller resumed in phase {rollout.Phase}", null, ct);
            Run(rollout, manifest, resumed: true);
        }
        await DequeueAsync(ct);
        await RepairServingAsync(ct); // it may have died while no controller ran
        _watcher = new Watch.RevisionWatcher(_ctx, OnRevisionDiedAsync, OnInstanceAsync);
        _watching = Task.Run(() => _watcher.RunAsync(_stopping.Token));
        _drifting = Task.Run(() => _drift.RunAsync(_driftInterval, _stopping.Token));
    }

    /// <summary>
    /// Accepts a release of a version with its manifest (<see cref="DeployRequest.Manifest"/>, or else the manifest file
    /// read now): its pipeline runs first (unless <see cref="DeployRequest.Build"/> names a run that already verified this
    /// build), then it waits for the app's lane, then it rolls out by that manifest. A hotfix passes the same gates but
    /// goes before every other waiting release. The same version with another manifest is a release of its own.
    /// </summary>
    public async Task<Rollout> DeployAsync(DeployRequest request, CancellationToken ct)
    {
        var version = request.Version;
        if (Versions.Problem(version) is { } invalid)
            throw new ReleaseRejectedException(RejectionKind.Invalid, invalid);
        var snapshot = request.Manifest ?? await ReadManifestAsync(ct);
        var manifest = _ctx.Manifests.Project(snapshot.Manifest!);
        if (manifest.App != App)
            throw new ReleaseRejectedException(RejectionKind.Invalid,
                $"{snapshot.File} is the manifest of app {manifest.App}; this controller releases {App}");
        await _gate.WaitAsync(ct);
        Rollout rollout;
        try
        {
            if (request.RolloutId is { } given && await _ctx.Store.GetRolloutAsync(given, ct) is { } started)
                return started;
            if (Live().FirstOrDefault(r => r.Version == version) is { } same)
                throw new ReleaseRejectedException(RejectionKind.Conflict, $"version {version} is already being released (rollout {same.Id}, {same.Phase})");
            await RevisionForAsync(version, snapshot.Digest, await ServingAsync(ct), ct);
            var lane = _ctx.For(manifest);
            var verified = request.GatedBy ?? (request.Build is { } build ? await lane.Pipelines.VerifiedBuildAsync(build, version, ct) : null);
            var gated = manifest.Pipeline is not null && verified is null;
            await _ctx.Manifests.AdmitAsync(snapshot, ct);
            var id = request.RolloutId ?? NewRolloutId();
            rollout = NewRollout(id, version, manifest, request.Hotfix) with
            {
                Phase = gated ? RolloutPhase.Gating : RolloutPhase.Queued,
                PipelineRunId = gated ? $"pl-{id[3..]}" : verified?.Id,
                ManifestDigest = snapshot.Digest,
                CommittedAt = snapshot.CommittedAt,
            };
            var log = new List<string> { $"{(request.Hotfix ? "hotfix " : "")}release of {version} requested, manifest {Describe(snapshot)}" };
            if (verified is not null)
                log.Add($"pipeline skipped: run {verified.Id} verified this build ({verified.Source}) at {verified.FinishedAt:u}");
            await _ctx.Store.SaveRolloutAsync(rollout, log, ct);
            Run(rollout, manifest, resumed: false);
        }
        finally
        {
            _gate.Release();
        }
        await DequeueAsync(ct);
        return rollout;
    }

    /// <summary>A new rollout's id: <c>rl-</c> and 8 hex digits.</summary>
    internal static string NewRolloutId() => $"rl-{Guid.NewGuid():N}"[..11];

    private Rollout NewRollout(string id, string version, Core.Manifest.AppManifest manifest, bool hotfix)
    {
        var canary = manifest.Strategy.Canary;
        var warmFor = canary?.WarmFor ?? manifest.Strategy.BlueGreen?.WarmFor ?? TimeSpan.FromHours(24);
        // Which revision is stable is known only when the release leaves the queue.
        return Rollout.Create(id, App, version, null, warmFor, _ctx.Time.GetUtcNow()) with
        {
            Steps = canary?.Steps,
            Migrates = manifest.Database is not null,
            Hotfix = hotfix,
        };
    }

    /// <summary>When the lane is free, the next waiting release (hotfixes first) starts on what serves now.</summary>
    private async Task DequeueAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            // A release already let out holds the lane even before its driver has moved it out of the queue.
            if (!_leaving.IsEmpty || ReleaseQueue.Next(Live()) is not { } next)
                return;
            _leaving[next.Id] = true;
            Observation go;
            try
            {
                var serving = await ServingAsync(ct);
                go = new Observation.Dequeued(serving, await RevisionForAsync(next.Version, next.ManifestDigest, serving, ct));
            }
            catch (Exception e) when (e is ReleaseRejectedException or HttpRequestException)
            {
                // Refused now (its version runs already) or the edge cannot say what serves: starting blind could
                // flip traffic away from the wrong revision, so the release ends with the reason.
                go = new Observation.EffectFailed(e is HttpRequestException ? $"cannot tell which revision serves: {e.Message}" : e.Message);
            }
            Driver(next.Id).Signal(go);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Aborts the release in progress or, when none is, returns traffic to the warm previous revision. A repair
    /// of the serving revision in progress is aborted first: the rollback takes its place.</summary>
    public Task<RequestAccepted> RollbackAsync(CancellationToken ct) => RollbackAsync(null, ct);

    /// <param name="reason">Why, as the rollout records it, when not a user's request: a release rolling back its regions.</param>
    public async Task<RequestAccepted> RollbackAsync(string? reason, CancellationToken ct)
    {
        if (Live().FirstOrDefault(r => r.Repair) is { } repair)
        {
            await SignalAsync(repair, "rollback requested: the repair gives way", new Observation.RollbackRequested(RepairGivesWay), ct);
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bounded.CancelAfter(RepairYieldTimeout);
            try
            {
                await WaitAsync(repair.Id, r => r.IsTerminal, bounded.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new ReleaseRejectedException(RejectionKind.Conflict,
                    $"the repair of {repair.Version} (rollout {repair.Id}) did not end within {RepairYieldTimeout.TotalSeconds:0}s; try again");
            }
        }
        await _gate.WaitAsync(ct);
        try
        {
            var live = Live();
            var target = live.Where(r => !r.Repair && !r.IsWaiting && r.Phase <= RolloutPhase.Warm).MaxBy(r => r.CreatedAt);
            if (target is null && live.FirstOrDefault(r => r.Phase is RolloutPhase.RollingBack or RolloutPhase.StoppingNew) is { } busy)
                throw new ReleaseRejectedException(RejectionKind.Conflict,
                    $"release {busy.Version} (rollout {busy.Id}) is already going back ({busy.Phase}, attempt {busy.Attempts + 1}: {busy.Reason}); `greenlight abort` ends it where it is");
            if (target is null)
                throw new ReleaseRejectedException(RejectionKind.Conflict,
                    "nothing to roll back: no release is in progress and no previous revision is kept warm");
            if (target.Stable is null && target.Phase > RolloutPhase.Verifying)
                throw new ReleaseRejectedException(RejectionKind.Conflict,
                    $"{target.Version} is the first release of {App}: there is no previous revision to return to");
            if (target is { Phase: RolloutPhase.Warm, StableLost: { } lost })
                throw new ReleaseRejectedException(RejectionKind.Conflict,
                    $"cannot roll back to {target.Stable}: it died ({lost}); {target.Version} keeps serving. Deploy {target.Stable} to return to it");
            return await SignalAsync(target, reason is null ? "rollback requested" : $"rollback requested: {reason}",
                new Observation.RollbackRequested(reason ?? "requested by user"), ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends the canary step in progress now (a pause, an analysis) or, with <paramref name="full"/>, every step left.</summary>
    public Task<RequestAccepted> PromoteAsync(bool full, CancellationToken ct) =>
        SignalActiveAsync(full ? "full promotion requested" : "promotion to the next step requested", new Observation.PromoteRequested(full), ct);

    /// <summary>Stops a release: before users reached it, it just stops; after, stable takes all traffic back. Without an
    /// id, the release in progress, or else the newest one still in its pipeline or in the queue.</summary>
    public Task<RequestAccepted> AbortAsync(string? id, CancellationToken ct) => AbortAsync(id, null, ct);

    /// <param name="reason">Why, as the rollout records it, when not a user's request: a release rolling back its regions.</param>
    public async Task<RequestAccepted> AbortAsync(string? id, string? reason, CancellationToken ct)
    {
        var live = Live();
        var target = id is null
            ? live.FirstOrDefault(r => r.IsActive) ?? live.Where(r => r.IsWaiting).MaxBy(r => r.CreatedAt)
            : live.FirstOrDefault(r => r.Id == id);
        if (target is null)
            throw new ReleaseRejectedException(id is null ? RejectionKind.Conflict : RejectionKind.NotFound,
                id is null ? $"no release of {App} is in progress" : $"no unfinished release {id} of {App}");
        return await SignalAsync(target, reason is null ? "abort requested" : $"abort requested: {reason}",
            new Observation.RollbackRequested(reason ?? "aborted by user"), ct);
    }

    private async Task<RequestAccepted> SignalActiveAsync(string what, Observation signal, CancellationToken ct)
    {
        var active = Live().FirstOrDefault(r => r.IsActive)
            ?? throw new ReleaseRejectedException(RejectionKind.Conflict, $"no release of {App} is in progress");
        return await SignalAsync(active, what, signal, ct);
    }

    private async Task<RequestAccepted> SignalAsync(Rollout target, string what, Observation signal, CancellationToken ct)
    {
        var requested = await _ctx.Store.AppendEventAsync(target.Id, what, null, ct);
        Driver(target.Id).Signal(signal);
        return new RequestAccepted(target, requested);
    }

    /// <summary>Waits until the rollout satisfies <paramref name="done"/>, e.g. <c>r => r.IsSettled</c>.</summary>
    public async Task<Rollout> WaitAsync(string id, Func<Rollout, bool> done, CancellationToken ct)
    {
        while (true)
        {
            var changed = _changed.Task;
            var rollout = await GetRolloutAsync(id, ct)
                ?? throw new ReleaseRejectedException(RejectionKind.NotFound, $"no rollout {id}");
            if (done(rollout))
                return rollout;
            await changed.WaitAsync(ct);
        }
    }

    public Task<Rollout?> GetRolloutAsync(string id, CancellationToken ct) => _ctx.Store.GetRolloutAsync(id, ct);

    /// <summary>The edge's live counters of each revision of this lane.</summary>
    public Task<IReadOnlyDictionary<string, Core.Traffic.RevisionTraffic>> TrafficAsync(CancellationToken ct) => _ctx.Router.GetTrafficAsync(App, ct);

    public Task<IReadOnlyList<RolloutEvent>> GetEventsAsync(string id, long afterId, CancellationToken ct) =>
        _ctx.Store.GetEventsAsync(id, afterId, ct);

    public Task<IReadOnlyList<Rollout>> HistoryAsync(int limit, CancellationToken ct) => _ctx.Store.ListRolloutsAsync(App, limit, ct);

    private void Run(Rollout rollout, Core.Manifest.AppManifest manifest, bool resumed)
    {
        var driver = new RolloutDriver(_ctx.For(manifest), rollout, resumed, OnChangedAsync);
        var run = Task.Run(() => DriveAsync(driver));
        lock (_drivers)
            _drivers[rollout.Id] = (driver, run);
    }

    private async Task DriveAsync(RolloutDriver driver)
    {
        try
        {
            await driver.RunAsync(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Controller shutting down: the rollout resumes from its stored phase next time.
        }
        catch (Exception e)
        {
            LogDriverCrashed(_ctx.Logger, e, driver.State.Id);
        }
    }

    private async Task OnChangedAsync(Rollout rollout)
    {
        // A release that took all traffic makes the previous warm revision unnecessary; a repair changes no release.
        if (rollout is { Phase: RolloutPhase.Warm or RolloutPhase.Retiring or RolloutPhase.Completed, FlippedAt: not null, Outcome: null, Repair: false })
            // Only older ones: a superseded rollout retiring its own blue must not retire a newer release's.
            foreach (var other in Live().Where(r => r.CreatedAt < rollout.CreatedAt && r.Phase == RolloutPhase.Warm))
                Driver(other.Id).Signal(new Observation.Superseded(rollout.Version));
        AfterRepair(rollout);
        if (Watch.RevisionWatcher.MayFollowRevisionChanges(rollout.Phase))
            _watcher?.Changed();
        _leaving.TryRemove(rollout.Id, out _);
        Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
        // A release that ended, went warm or joined the queue may let the next one in; one that ended (a failed
        // repair among them) may leave a dead serving revision to start again.
        if (!rollout.IsActive)
            await DequeueAsync(_stopping.Token);
        if (rollout.IsTerminal)
        {
            await RepairServingAsync(_stopping.Token);
            _drift.Wake(); // what is wanted running changed: drift it leaves (a repair that serves again) is over
        }
    }

    private List<Rollout> Live()
    {
        lock (_drivers)
            return _drivers.Values.Select(d => d.Driver.State).Where(s => s is { IsTerminal: false }).ToList();
    }

    private RolloutDriver Driver(string id)
    {
        lock (_drivers)
            return _drivers[id].Driver;
    }

    /// <summary>The revision taking most traffic whose process still runs; a dead one serves nobody.</summary>
    public async Task<string?> ServingAsync(CancellationToken ct)
    {
        var route = await _ctx.Router.GetAsync(App, ct);
        foreach (var backend in (route?.Backends ?? []).Where(b => b.Weight > 0).OrderByDescending(b => b.Weight))
            if (await _ctx.RunningAsync(backend.Revision, ct) is { Count: > 0 })
                return backend.Revision;
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task[] runs;
        lock (_drivers)
            runs = [.. _drivers.Values.Select(d => d.Run), _watching, _drifting];
        await Task.WhenAll(runs);
        _stopping.Dispose();
    }

    private const string RepairGivesWay = "a rollback was requested";

    /// <summary>How long a rollback waits for a repair in progress to give way.</summary>
    private static readonly TimeSpan RepairYieldTimeout = TimeSpan.FromMinutes(1);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

}
