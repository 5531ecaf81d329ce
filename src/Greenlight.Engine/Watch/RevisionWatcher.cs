using Greenlight.Core.Rollouts;
using Greenlight.Core.Traffic;
using Greenlight.Engine.Rollouts;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Watch;

/// <summary>
/// Watches every revision that should be running: each of its instances' process and health endpoint, and the edge's
/// transport errors for it. An instance found dead is recorded so once (Running becomes Dead). While others of its
/// revision run, it only leaves the revision's backend and is started again. The last one makes the revision dead: it is
/// reported and kept out of the route (moving traffic away from it never needs its help), then the controller decides
/// what it means.
/// </summary>
/// <param name="onInstance">Told (version, message) of an instance that died or came back while its revision served on.</param>
internal sealed partial class RevisionWatcher(ReleaseContext ctx, Func<string, string, Task> onDeath, Func<string, string, Task> onInstance)
{
    /// <summary>How often processes are looked at: a dead one is out of the route within about this long.</summary>
    public static readonly TimeSpan LookInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the edge's transport-error counters are read, a call to the edge for each lane: they only make
    /// a health probe come early, and the process and the probes themselves are looked at every time.</summary>
    public static readonly TimeSpan CountersInterval = TimeSpan.FromSeconds(1);

    /// <summary>How often the revision records are read again while the lane changed nothing, as a safety net: every
    /// change to them is the controller's own (a revision started, stopped, declared dead, an instance started again) and
    /// comes with a transition of the lane, an instance's news (<see cref="Changed"/>) or from this watcher, each of which
    /// makes the next look read them. A record read before a stop still says Running: its process is gone, and recording
    /// it dead is refused as the record changed, as when a stop races a look. Reading them at every look, a thousand lanes
    /// kept the store busy with five thousand reads a second while nothing happened.</summary>
    public static readonly TimeSpan RecordsInterval = TimeSpan.FromSeconds(10);

    private readonly HealthWatch _health = new(ctx);
    private readonly InstanceRestarts _restarts = new(ctx, onInstance);
    private DateTimeOffset _countersRead = DateTimeOffset.MinValue;
    private IReadOnlyList<RevisionRecord> _records = [];
    private List<(RevisionRecord Record, Core.Targets.RevisionHandle Handle)> _running = [];
    private DateTimeOffset _recordsRead = DateTimeOffset.MinValue;
    private int _changes, _recordsSeen = -1;

    // Dead revisions the edge's route may still hold: taken out once, and again at each look while the edge refuses.
    // Seeded at the first look from the records, for deaths an earlier controller saw.
    private HashSet<string>? _unrouted;

    public async Task RunAsync(CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await LookAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // The edge or the store did not answer this time; the next look tries again.
                LogLookFailed(ctx.Logger, e.Message);
            }
            catch (Exception)
            {
                return; // the controller stops: what the last look met no longer matters
            }
            try
            {
                await Task.Delay(LookInterval, ctx.Time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The lane changed its revisions (a transition, an instance started again): the next look reads their records again.</summary>
    public void Changed() => Interlocked.Increment(ref _changes);

    /// <summary>Whether a transition into <paramref name="phase"/> may follow revisions started or stopped: every one but
    /// those entered only after effects that start and stop none (weights, checks, analyses, pauses, migrations, queues).
    /// Started revisions are ready before Verifying, stopped ones gone before what follows Retiring or StoppingNew.</summary>
    public static bool MayFollowRevisionChanges(RolloutPhase phase) => phase is not (RolloutPhase.Gating or RolloutPhase.Queued
        or RolloutPhase.Expanding or RolloutPhase.Stepping or RolloutPhase.Switching or RolloutPhase.Confirming or RolloutPhase.Warm or RolloutPhase.Retiring);

    private async Task LookAsync(CancellationToken ct)
    {
        var revisions = await RecordsAsync(ct);
        // Dead as a whole: an instance dead, none running or starting again.
        bool Dead(string version) =>
            revisions.Any(r => r.Version == version && r.Status == RevisionStatus.Dead)
            && !revisions.Any(r => r.Version == version && r.Status is RevisionStatus.Running or RevisionStatus.Starting);
        _unrouted ??= revisions.Select(r => r.Version).Where(Dead).ToHashSet();
        // Started again meanwhile (a repair): the new process must stay in the route.
        _unrouted.RemoveWhere(v => !Dead(v));
        var transportErrors = ctx.Time.GetUtcNow() - _countersRead >= CountersInterval ? await TransportErrorsAsync(ct) : null;
        foreach (var (r, handle) in _running)
        {
            var why = ctx.Target.IsRunning(handle)
                ? await _health.CheckAsync(r, transportErrors?.GetValueOrDefault(r.Version), ct)
                : "its process exited";
            if (why is null)
                continue;
            Changed(); // recorded dead now, or changed meanwhile: the records read are behind either way
            if (!await ctx.Store.SetRevisionStatusAsync(r, RevisionStatus.Dead, ct))
                continue; // stopped on purpose meanwhile
            LogDied(ctx.Logger, r.Name, r.Pid, why);
            if (ctx.Target.IsRunning(handle))
                await ctx.Target.StopAsync(handle, ctx.ManifestOf(r).Run.StopTimeout, ct); // hung: make it as dead as it is recorded
            if ((await ctx.RunningAsync(r.Version, ct)).Count > 0)
            {
                LogInstanceDied(ctx.Logger, r.Name, why);
                await ctx.RouteInstancesAsync(r.Version, ct);
                await onInstance(r.Version, $"instance {r.Name} (pid {r.Pid}, port {r.Port}) died: {why}; it left the route, the other instances serve while it starts again");
                _restarts.Start(r, ct);
                continue;
            }
            await EndAsync(r.Version, ct);
            _unrouted.Add(r.Version);
            await onDeath(r.Version, why);
        }
        if (_unrouted.Count == 0)
            return;
        if (await ctx.RemoveFromRouteAsync(_unrouted, ct) is { Count: > 0 } removed)
            LogLeftRoute(ctx.Logger, string.Join(", ", removed));
        _unrouted.Clear();
    }

    private async Task<IReadOnlyList<RevisionRecord>> RecordsAsync(CancellationToken ct)
    {
        var changes = Volatile.Read(ref _changes);
        var now = ctx.Time.GetUtcNow();
        if (changes == _recordsSeen && now - _recordsRead < RecordsInterval)
            return _records;
        _records = await ctx.Store.ListRevisionsAsync(ctx.App, ct);
        (_recordsSeen, _recordsRead) = (changes, now);
        _running = [.. _records.Where(r => r.Status == RevisionStatus.Running).Select(r => (r, ReleaseContext.HandleOf(r)))];
        _health.Retain(_running.Select(r => r.Record));
        return _records;
    }

    /// <summary>The revision died as a whole: instances still starting again are declared dead and stopped with it, so that
    /// it is dead in every record and its repair starts all of it.</summary>
    private async Task EndAsync(string version, CancellationToken ct)
    {
        _restarts.Cancel(version);
        foreach (var other in await ctx.Store.ListInstancesAsync(ctx.App, version, ct))
        {
            if (other.Status is RevisionStatus.Stopped or RevisionStatus.Dead || !await ctx.Store.SetRevisionStatusAsync(other, RevisionStatus.Dead, ct))
                continue;
            await ctx.Target.StopAsync(ReleaseContext.HandleOf(other), ctx.ManifestOf(other).Run.StopTimeout, ct);
        }
    }

    private async Task<IReadOnlyDictionary<string, long>?> TransportErrorsAsync(CancellationToken ct)
    {
        _countersRead = ctx.Time.GetUtcNow();
        try
        {
            return (await ctx.Router.GetTrafficAsync(ctx.App, ct)).ToDictionary(t => t.Key, t => t.Value.TransportErrors);
        }
        catch (HttpRequestException)
        {
            return null; // the edge is down: processes and health endpoints are still watched
        }
    }
}
