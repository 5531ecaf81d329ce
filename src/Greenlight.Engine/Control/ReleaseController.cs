using System.Text.RegularExpressions;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Rollouts;
using Greenlight.Engine.State;
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
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _changed = NewSignal();

    public ReleaseController(ControllerOptions options)
    {
        var time = options.Time;
        _ctx = new ReleaseContext(
            options.Manifest,
            options.StateDirectory,
            new SqliteStateStore(Path.Combine(options.StateDirectory, "state.db"), time),
            options.Target,
            options.Router,
            // No cookies or redirects: every check starts as a new visitor and can assert a 302 itself.
            new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, UseProxy = false })
                { Timeout = TimeSpan.FromSeconds(30) },
            time,
            options.LoggerFactory.CreateLogger<ReleaseController>());
    }

    public string App => _ctx.App;

    /// <summary>Picks up every rollout a previous controller left unfinished, where it stopped.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var rollout in await _ctx.Store.ListUnfinishedAsync(App, ct))
        {
            await _ctx.Store.AppendEventAsync(rollout.Id, $"controller resumed in phase {rollout.Phase}", null, ct);
            Run(rollout);
        }
    }

    public async Task<Rollout> DeployAsync(string version, CancellationToken ct)
    {
        if (!VersionPattern().IsMatch(version))
            throw new ReleaseRejectedException(RejectionKind.Invalid,
                $"version \"{version}\" is not valid: expected 1-64 characters of letters, digits, '.', '-', '_' or '+', starting with a letter or digit");
        await _gate.WaitAsync(ct);
        try
        {
            var live = Live();
            if (live.FirstOrDefault(r => r.IsActive) is { } busy)
                throw new ReleaseRejectedException(RejectionKind.Conflict,
                    $"release {busy.Id} of {busy.Version} is in progress ({busy.Phase}); wait for it or run `greenlight rollback` to abort it");
            var serving = await ServingAsync(ct);
            if (serving == version)
                throw new ReleaseRejectedException(RejectionKind.Conflict, $"version {version} is already serving");
            if (live.Any(r => r.Stable == version))
                throw new ReleaseRejectedException(RejectionKind.Conflict,
                    $"version {version} is the warm previous revision; run `greenlight rollback` to return to it");
            var now = _ctx.Time.GetUtcNow();
            var canary = _ctx.Manifest.Strategy.Canary;
            var warmFor = canary?.WarmFor ?? _ctx.Manifest.Strategy.BlueGreen?.WarmFor ?? TimeSpan.FromHours(24);
            // The steps are copied into the rollout: editing the manifest never changes a release already running.
            var migrates = _ctx.Manifest.Database is not null;
            var rollout = Rollout.Create($"rl-{Guid.NewGuid():N}"[..11], App, version, serving, warmFor, now) with
            {
                Steps = canary?.Steps,
                Migrates = migrates,
                Phase = migrates ? RolloutPhase.Expanding : RolloutPhase.Starting,
            };
            await _ctx.Store.SaveRolloutAsync(rollout, [$"release of {version} requested; serving now: {serving ?? "nothing"}"], ct);
            Run(rollout);
            return rollout;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Aborts the release in progress or, when none is, returns traffic to the warm previous revision.</summary>
    public async Task<RequestAccepted> RollbackAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var target = Live().Where(r => r.Phase is <= RolloutPhase.Warm).MaxBy(r => r.CreatedAt)
                ?? throw new ReleaseRejectedException(RejectionKind.Conflict,
                    "nothing to roll back: no release is in progress and no previous revision is kept warm");
            if (target.Stable is null && target.Phase > RolloutPhase.Verifying)
                throw new ReleaseRejectedException(RejectionKind.Conflict,
                    $"{target.Version} is the first release of {App}: there is no previous revision to return to");
            return await SignalAsync(target, "rollback requested", new Observation.RollbackRequested("requested by user"), ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends the canary step in progress now (a pause, an analysis) or, with <paramref name="full"/>, every step left.</summary>
    public Task<RequestAccepted> PromoteAsync(bool full, CancellationToken ct) =>
        SignalActiveAsync(full ? "full promotion requested" : "promotion to the next step requested", new Observation.PromoteRequested(full), ct);

    /// <summary>Stops the release in progress: before users reached it, it just stops; after, stable takes all traffic back.</summary>
    public Task<RequestAccepted> AbortAsync(CancellationToken ct) =>
        SignalActiveAsync("abort requested", new Observation.RollbackRequested("aborted by user"), ct);

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

    public Task<IReadOnlyList<RolloutEvent>> GetEventsAsync(string id, long afterId, CancellationToken ct) =>
        _ctx.Store.GetEventsAsync(id, afterId, ct);

    public Task<IReadOnlyList<Rollout>> HistoryAsync(int limit, CancellationToken ct) => _ctx.Store.ListRolloutsAsync(App, limit, ct);

    private void Run(Rollout rollout)
    {
        var driver = new RolloutDriver(_ctx, rollout, OnChangedAsync);
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

    private Task OnChangedAsync(Rollout rollout)
    {
        // A release that took all traffic makes the previous warm revision unnecessary.
        if (rollout is { Phase: RolloutPhase.Warm or RolloutPhase.Retiring or RolloutPhase.Completed, FlippedAt: not null, Outcome: null })
            // Only older ones: a superseded rollout retiring its own blue must not retire a newer release's.
            foreach (var other in Live().Where(r => r.CreatedAt < rollout.CreatedAt && r.Phase == RolloutPhase.Warm))
                Driver(other.Id).Signal(new Observation.Superseded(rollout.Version));
        Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
        return Task.CompletedTask;
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
    internal async Task<string?> ServingAsync(CancellationToken ct)
    {
        var route = await _ctx.Router.GetAsync(App, ct);
        foreach (var backend in (route?.Backends ?? []).Where(b => b.Weight > 0).OrderByDescending(b => b.Weight))
            if (await _ctx.Store.GetRevisionAsync(App, backend.Revision, ct) is { Status: RevisionStatus.Running } r
                && _ctx.Target.IsRunning(ReleaseContext.HandleOf(r)))
                return backend.Revision;
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task[] runs;
        lock (_drivers)
            runs = _drivers.Values.Select(d => d.Run).ToArray();
        await Task.WhenAll(runs);
        _stopping.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")]
    private static partial Regex VersionPattern();
}
