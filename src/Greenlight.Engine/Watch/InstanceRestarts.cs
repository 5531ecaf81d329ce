using System.Collections.Concurrent;
using Greenlight.Engine.Rollouts;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Watch;

/// <summary>
/// Starts again an instance that died while others of its revision serve: it rejoins the route once healthy. One start
/// at a time per instance; after <see cref="MaxAttempts"/> failed starts in a row it is left dead (the others serve on).
/// A revision no longer wanted meanwhile (retired, or dead as a whole) is not brought back.
/// </summary>
/// <param name="say">Writes an event about the revision (version, message) where the rollouts that care read it.</param>
internal sealed partial class InstanceRestarts(ReleaseContext ctx, Func<string, string, Task> say)
{
    public const int MaxAttempts = 3;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<(string Version, int Instance), CancellationTokenSource> _running = new();

    public void Start(RevisionRecord dead, CancellationToken ct)
    {
        var key = (dead.Version, dead.Instance);
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (!_running.TryAdd(key, cts))
        {
            cts.Dispose();
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await RunAsync(dead, cts.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRestartFailed(ctx.Logger, dead.Name, ctx.Secrets.Apply(e.Message)!);
            }
            catch (OperationCanceledException)
            {
                // the revision died as a whole, or the controller stops
            }
            finally
            {
                _running.TryRemove(key, out _);
                cts.Dispose();
            }
        }, CancellationToken.None);
    }

    /// <summary>The revision died as a whole: its instances starting again stop trying (their starts are stopped by whoever
    /// declared them dead).</summary>
    public void Cancel(string version)
    {
        foreach (var (key, cts) in _running)
            if (key.Version == version)
                cts.Cancel();
    }

    private async Task RunAsync(RevisionRecord dead, CancellationToken ct)
    {
        var lane = ctx.For(ctx.ManifestOf(dead));
        var launcher = new InstanceLauncher(lane);
        string? failure = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (!await WantedAsync(dead, ct))
                return;
            try
            {
                var handle = await launcher.StartAsync(lane.SpecFor(dead.Version, dead.Instance), dead.LaunchId, dead.ManifestDigest, ct);
                if (!await WantedAsync(dead, ct))
                {
                    await StopAsync(dead, RevisionStatus.Stopped, ct);
                    return;
                }
                await ctx.RouteInstancesAsync(dead.Version, ct);
                await say(dead.Version, $"instance {dead.Name} started again on port {handle.Port} (pid {handle.Pid}); it is back in the route");
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failure = ctx.Secrets.Apply(e.Message);
                await Task.Delay(Pause, ctx.Time, ct);
            }
        }
        await StopAsync(dead, RevisionStatus.Dead, ct);
        await say(dead.Version, $"instance {dead.Name} did not start again {MaxAttempts} times (last: {failure}); the other instances serve");
    }

    /// <summary>Whether another instance of the revision is recorded running: a retired revision has none, nor one that died
    /// as a whole.</summary>
    private async Task<bool> WantedAsync(RevisionRecord dead, CancellationToken ct) =>
        (await ctx.Store.ListInstancesAsync(ctx.App, dead.Version, ct)).Any(r => r.Instance != dead.Instance && r.Status == RevisionStatus.Running);

    private async Task StopAsync(RevisionRecord dead, RevisionStatus status, CancellationToken ct)
    {
        if ((await ctx.Store.ListInstancesAsync(ctx.App, dead.Version, ct)).FirstOrDefault(r => r.Instance == dead.Instance) is not { } now)
            return;
        await ctx.Store.SaveRevisionAsync(now with { Status = status }, ct);
        await ctx.Target.StopAsync(ReleaseContext.HandleOf(now), ctx.ManifestOf(now).Run.StopTimeout, ct);
    }
}
