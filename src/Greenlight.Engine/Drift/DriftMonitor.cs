using System.Collections.Concurrent;
using Greenlight.Core.Drift;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Rollouts;

namespace Greenlight.Engine.Drift;

/// <summary>
/// Runs the app's drift check every <c>interval</c>, at once when woken (a revision died, a release ended), and whenever
/// asked; one check at a time. Each finding is written once as an event of the release that serves (and logged) when it
/// is first found, and once more when it is over; in between it keeps the time it was first found, across restarts.
/// </summary>
/// <param name="live">The app's unfinished rollouts.</param>
/// <param name="heal">Given the scan, returns its findings with what was done about each (reconcile: auto).</param>
internal sealed partial class DriftMonitor(
    ReleaseContext ctx,
    Func<IReadOnlyList<Rollout>> live,
    Func<DriftScan, CancellationToken, Task<IReadOnlyList<DriftFinding>>> heal)
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<DriftFinding> _seen = new();

    /// <summary>The last check's report; null until one ran.</summary>
    public DriftReport? Latest { get; private set; }

    /// <summary>Has the loop check now instead of at the end of its interval.</summary>
    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    /// <summary>Drift seen outside a check (a revision's death): the next check counts it found even when the repair
    /// already undid it by then, so that it is told once and cleared once like any other; then it checks at once.</summary>
    public void Saw(DriftFinding finding)
    {
        _seen.Enqueue(finding);
        Wake();
    }

    public async Task<DriftReport> CheckAsync(CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            await RefreshTlsSecretsAsync(ct);
            var scan = await new DriftCheck(ctx).ScanAsync(live(), ct);
            var found = (await heal(scan, ct)).ToList();
            while (_seen.TryDequeue(out var seen))
                if (found.All(f => f.Revision != seen.Revision || f.Kind is not (DriftKind.RevisionDied or DriftKind.RevisionReplaced)))
                    found.Add(seen);
            var recorded = await ctx.Store.ListDriftAsync(ctx.App, ct);
            var changes = DriftChanges.Merge(recorded, found, scan.UncheckedKinds);
            if (!changes.Open.SequenceEqual(recorded)) // most checks find what the one before found: nothing to write
                await ctx.Store.SaveDriftAsync(ctx.App, changes.Open, ct);
            foreach (var f in changes.New)
            {
                LogFound(ctx.Logger, ctx.App, f.Describe());
                await EventAsync(scan, $"drift: {f.Describe()}", ct);
            }
            foreach (var f in changes.Cleared)
            {
                // What the controller did about it; an unpromoted version's "not repaired: …" said what to do instead.
                var repair = f.Kind == DriftKind.UnpromotedVersion ? null : f.Repair;
                LogOver(ctx.Logger, ctx.App, f.Subject, repair ?? "it changed back");
                await EventAsync(scan, $"drift over: {f.Subject} (found {f.Since:u}){(repair is null ? "" : $"; {repair}")}", ct);
            }
            return Latest = new DriftReport(ctx.App, ctx.Time.GetUtcNow(), scan.Reconcile, changes.Current, scan.Unchecked);
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>On the drift check's cadence, a rotated <c>edge.tls</c> secret is written for the edge. One that cannot be
    /// read is logged, and the edge keeps the certificate it has.</summary>
    private async Task RefreshTlsSecretsAsync(CancellationToken ct)
    {
        if (ctx.TlsSecrets is not { } tls)
            return;
        await ctx.RouteLock.WaitAsync(ct);
        try
        {
            await tls.RefreshAsync(ct);
        }
        catch (Core.Secrets.SecretUnavailableException e)
        {
            LogTlsSecretsUnreadable(ctx.Logger, ctx.App, ctx.Secrets.Apply(e.Message)!);
        }
        finally
        {
            ctx.RouteLock.Release();
        }
    }

    /// <summary>Checks now, then every <paramref name="interval"/> (on the context's clock) or when woken, until stopped.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            // A wake from now on, during the check included, makes the next check start at once.
            var woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _wake, woken);
            try
            {
                await CheckAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogCheckFailed(ctx.Logger, ctx.App, ctx.Secrets.Apply(e.Message)!); // the next check tries again
            }
            catch (OperationCanceledException)
            {
                return;
            }
            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(ct);
            await Task.WhenAny(woken.Task, Task.Delay(interval, ctx.Time, sleep.Token));
            await sleep.CancelAsync();
        }
    }

    private async Task EventAsync(DriftScan scan, string message, CancellationToken ct)
    {
        if (scan.ServingRelease is { } id)
            await ctx.Store.AppendEventAsync(id, message, null, ct);
    }
}
