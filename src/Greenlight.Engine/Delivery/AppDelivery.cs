using Greenlight.Core.Delivery;
using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Core.Secrets;
using Greenlight.Engine.Control;
using Greenlight.Engine.State;
using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Delivery;

/// <summary>
/// The delivery path of one app with environments: a lane per region of each environment, and a driver per release that
/// takes it through the environments (windows, waves, bakes, soaks, promotion). Releases resume where a controller left them.
/// </summary>
public sealed partial class AppDelivery : IAsyncDisposable
{
    // Read by running releases while a deploy may add the lanes of a region new in its manifest.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ReleaseController> _lanes;
    private readonly RegionRouters _routers;
    private readonly Dictionary<string, (ReleaseDriver Driver, Task Run)> _drivers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly IStateStore _store;
    private readonly ControllerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SecretValues _masker;

    private AppDelivery(string app, ControllerOptions options, RegionRouters routers, TimeProvider time)
    {
        App = app;
        _lanes = new();
        _routers = routers;
        _options = options;
        _time = time;
        _logger = options.LoggerFactory.CreateLogger<AppDelivery>();
        // Masked like the lanes' stores: a release's reason quotes what its rollouts and checks said.
        _masker = SecretValues.For(options.Manifest, Environment.GetEnvironmentVariables());
        _store = options.OpenStore(_masker);
    }

    public string App { get; }

    /// <summary>The lanes, by <c>environment/region</c>.</summary>
    public IReadOnlyDictionary<string, ReleaseController> Lanes => _lanes;

    /// <param name="time">The clock of windows, bakes and soaks (rollouts keep the options' clock).</param>
    public static async Task<AppDelivery> StartAsync(AppManifest manifest, ControllerOptions options, RegionRouters routers, TimeProvider time, CancellationToken ct)
    {
        var delivery = new AppDelivery(manifest.App, options with { Manifest = manifest }, routers, time);
        try
        {
            await delivery.AddRegionsAsync(manifest, ct);
            if (options.Passive)
                return delivery;
            delivery.StartNotifications();
            foreach (var release in await delivery._store.ListReleasesAsync(manifest.App, 1000, unfinishedOnly: true, ct))
            {
                await delivery._store.AppendEventAsync(release.Id, "controller resumed the release", null, ct);
                delivery.Run(release, await delivery.SnapshotAsync(release, ct), resumed: true);
            }
        }
        catch
        {
            await delivery.DisposeAsync();
            throw;
        }
        return delivery;
    }

    /// <summary>
    /// Accepts a release of <paramref name="version"/> with its manifest. It enters the first environment, or with
    /// <paramref name="environment"/> that one, which only a version and manifest that passed the environment before it may.
    /// </summary>
    /// <param name="overrideWindow">A hotfix's recorded reason to start its waves while an environment's window is closed.</param>
    /// <param name="requester">Who asked (the API's caller): under preventSelfReview their approval does not count.</param>
    /// <param name="author">The git author of the snapshot's commit: under preventSelfReview their approval does not count.</param>
    public async Task<Release> DeployAsync(ManifestSnapshot snapshot, string version, bool hotfix, string? environment, CancellationToken ct,
        string? overrideWindow = null, string? requester = null, CommitAuthor? author = null)
    {
        var manifest = snapshot.Manifest!;
        if (overrideWindow is not null && !hotfix)
            throw new ReleaseRejectedException(RejectionKind.Invalid, "only a hotfix may override a deployment window (--hotfix)");
        if (Versions.Problem(version) is { } invalid)
            throw new ReleaseRejectedException(RejectionKind.Invalid, invalid);
        if (manifest.App != App)
            throw new ReleaseRejectedException(RejectionKind.Invalid, $"{snapshot.File} is the manifest of app {manifest.App}, not {App}");
        if (Delivery.Lanes.Regions(manifest).FirstOrDefault(r => !_lanes.ContainsKey(Delivery.Lanes.Key(r.Environment, r.Region))) is { Environment: not null } added)
            throw new ReleaseRejectedException(RejectionKind.Conflict,
                $"region {added.Environment}/{added.Region} is new in the manifest and has no lane in this controller yet");
        var history = await _store.ListReleasesAsync(App, 500, unfinishedOnly: false, ct);
        if (history.FirstOrDefault(r => !r.IsTerminal && r.Version == version && r.ManifestDigest == snapshot.Digest) is { } same)
            throw new ReleaseRejectedException(RejectionKind.Conflict, $"{version} with this manifest is already being released (release {same.Id}, {same.Phase})");
        var entry = environment is null ? null : Promotion.CanEnter(manifest, snapshot.Digest, version, environment, history);
        if (entry is { Allowed: false })
            throw new ReleaseRejectedException(RejectionKind.Conflict, entry.Reason);
        await _store.SaveManifestAsync(App, snapshot, ct);
        var release = Release.Create($"rs-{Guid.NewGuid():N}"[..11], App, version, snapshot.Digest, hotfix, manifest, _time.GetUtcNow(), entry)
            with { Requester = requester, Commit = snapshot.Commit, CommittedAt = snapshot.CommittedAt, Author = author };
        release = release.WithApprovalsOf(history);
        await _store.SaveReleaseAsync(release, [$"{(hotfix ? "hotfix " : "")}release of {version} requested{(requester is null ? "" : $" by {requester}")} into {release.Entry}, manifest {ManifestSnapshot.Short(snapshot.Digest)} ({snapshot.File})"], ct);
        Run(release, snapshot, resumed: false);
        foreach (var closed in manifest.Environments.Where(e => overrideWindow is not null && e.Window is not null))
            release = await OverrideWindowAsync(release.Id, closed.Name, overrideWindow!, ct);
        return release;
    }

    /// <summary>Promotes a release into <paramref name="environment"/> (manual promotion), or refuses with the reason.</summary>
    public Task<Release> PromoteAsync(string id, string environment, string? reason, CancellationToken ct) =>
        RequestAsync(id, new ReleaseObservation.PromoteRequested(environment, reason), ct);

    /// <summary>Stops the release; every region that got the new version returns to the previous one.</summary>
    public Task<Release> AbortAsync(string id, string reason, CancellationToken ct) => RequestAsync(id, new ReleaseObservation.AbortRequested(reason), ct);

    /// <summary>A hotfix starts its waves in <paramref name="environment"/> while the window is closed, for the reason given.</summary>
    public Task<Release> OverrideWindowAsync(string id, string environment, string reason, CancellationToken ct) =>
        RequestAsync(id, new ReleaseObservation.WindowOverride(environment, reason), ct);

    internal async Task<Release> RequestAsync(string id, ReleaseObservation request, CancellationToken ct)
    {
        ReleaseDriver? driver;
        lock (_drivers)
            driver = _drivers.TryGetValue(id, out var d) && !d.Driver.State.IsTerminal ? d.Driver : null;
        if (driver is null)
            throw await GetAsync(id, ct) is { IsTerminal: true } ended ? Ended(ended)
                : new ReleaseRejectedException(RejectionKind.NotFound, $"no release {id} of {App} in progress");
        if (await driver.RequestAsync(request).WaitAsync(ct) is { } refused)
            throw new ReleaseRejectedException(refused.Forbidden ? RejectionKind.Forbidden : RejectionKind.Conflict, refused.Reason);
        return driver.State;
    }

    public async Task<Release?> GetAsync(string id, CancellationToken ct) =>
        await _store.GetReleaseAsync(id, ct) is { } release ? ApprovalPolicy.AsOf(release, _time.GetUtcNow()) : null;

    public async Task<IReadOnlyList<Release>> ListAsync(int limit, CancellationToken ct) =>
        [.. (await _store.ListReleasesAsync(App, limit, unfinishedOnly: false, ct)).Select(r => ApprovalPolicy.AsOf(r, _time.GetUtcNow()))];

    /// <summary>Waits until the release satisfies <paramref name="done"/>, looking at its record whenever a release of this
    /// app is saved, and at least every second (what it shows depends on the clock too: an approval expires).</summary>
    public async Task<Release> WaitAsync(string id, Func<Release, bool> done, CancellationToken ct)
    {
        while (true)
        {
            var changed = _changed.Task;
            var release = await GetAsync(id, ct) ?? throw new ReleaseRejectedException(RejectionKind.NotFound, $"no release {id}");
            if (done(release))
                return release;
            try
            {
                await changed.WaitAsync(LookAgain, _time, ct);
            }
            catch (TimeoutException)
            {
                // Looked at again below: nothing was saved, but the clock moved.
            }
        }
    }

    private static readonly TimeSpan LookAgain = TimeSpan.FromSeconds(1);

    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Changed() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private async Task<ManifestSnapshot> SnapshotAsync(Release release, CancellationToken ct)
    {
        var stored = await _store.GetManifestAsync(release.ManifestDigest, ct);
        return stored?.Text is { } text && ManifestSnapshot.FromText(text, stored.File) is { Snapshot: { } snapshot }
            ? snapshot with { Commit = stored.Commit, Uncommitted = stored.Uncommitted }
            : throw new InvalidOperationException($"the manifest {ManifestSnapshot.Short(release.ManifestDigest)} of release {release.Id} is not stored");
    }

    private void Run(Release release, ManifestSnapshot snapshot, bool resumed)
    {
        var secrets = SecretValues.For(snapshot.Manifest!, Environment.GetEnvironmentVariables());
        var context = new DeliveryContext(snapshot, _lanes, _store,
            new Pipeline.PipelineService(snapshot.Manifest!, _options.StateDirectory, _store, _options.Time, secrets), _time, _logger)
            { Saved = Changed };
        var driver = new ReleaseDriver(context, release, resumed);
        lock (_drivers)
            _drivers[release.Id] = (driver, Task.Run(() => DriveAsync(driver)));
    }

    private async Task DriveAsync(ReleaseDriver driver)
    {
        try
        {
            await driver.RunAsync(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The controller stops: the release resumes from its record next time.
        }
        catch (Exception e)
        {
            LogDriverCrashed(_logger, e, driver.State.Id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task[] runs;
        lock (_drivers)
            runs = [.. _drivers.Values.Select(d => d.Run)];
        await Task.WhenAll(runs);
        await StopNotificationsAsync();
        foreach (var lane in _lanes.Values)
            await lane.DisposeAsync();
    }

    [LoggerMessage(1, LogLevel.Error, "Release {Release}: its driver crashed")]
    private static partial void LogDriverCrashed(ILogger logger, Exception e, string release);

}
