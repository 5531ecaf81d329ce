using Greenlight.Core.Manifest;
using Greenlight.Core.Notifications;
using Greenlight.Engine.State;
using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Notifications;

/// <summary>
/// Delivers an app's notices from the outbox: routes each new notice to the channels of its release's manifest, then
/// sends every due delivery. Each channel is drained by its own task, so a receiver that is down or slow holds back
/// only itself. A delivery is marked sent only after its receiver accepted it: a controller killed in between sends it
/// again with the same id (<c>webhook-id</c>), which the receiver drops.
/// </summary>
/// <param name="manifestOf">The manifest a notice is routed by: the one of that digest, or the app's current one for null.</param>
internal sealed partial class NoticeDispatcher(
    string app,
    IStateStore store,
    Func<string?, CancellationToken, Task<AppManifest?>> manifestOf,
    IReadOnlyDictionary<string, INotifier> notifiers,
    ChannelSecretReader secrets,
    TimeProvider time,
    Random random,
    ILogger logger)
{
    private readonly Dictionary<string, Task> _draining = [];
    private volatile TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How often the outbox is looked at when nothing wakes the dispatcher sooner.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Looks at the outbox now (a transition just wrote notices).</summary>
    public void Wake() => _wake.TrySetResult();

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var wake = _wake;
            var wait = Poll;
            try
            {
                wait = await RoundAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogRoundFailed(logger, e, app);
            }
            using var nap = CancellationTokenSource.CreateLinkedTokenSource(ct);
            await Task.WhenAny(Task.Delay(wait, time, nap.Token), wake.Task);
            await nap.CancelAsync();
            if (wake.Task.IsCompleted)
                _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        await Task.WhenAll(_draining.Values);
    }

    /// <summary>One look at the outbox; returns how long to wait before the next.</summary>
    private async Task<TimeSpan> RoundAsync(CancellationToken ct)
    {
        foreach (var outboxed in await store.ListUnroutedNoticesAsync(app, ct))
        {
            var manifest = await manifestOf(outboxed.ManifestDigest, ct);
            var channels = manifest?.Notifications.Where(c => c.Takes(outboxed.Notice.Kind, outboxed.Notice.Environment)).ToList() ?? [];
            await store.RouteNoticeAsync(outboxed.Notice.Id, channels, time.GetUtcNow(), ct);
        }
        foreach (var done in _draining.Where(d => d.Value.IsCompleted).Select(d => d.Key).ToList())
            _draining.Remove(done);
        var now = time.GetUtcNow();
        var pending = await store.ListPendingDeliveriesAsync(app, ct);
        foreach (var channel in pending.GroupBy(d => d.Channel.Name).Where(c => !_draining.ContainsKey(c.Key)))
        {
            var due = channel.Where(d => d.NextAt <= now).ToList();
            if (due.Count > 0)
                _draining[channel.Key] = Task.Run(() => DrainAsync(due, ct), CancellationToken.None);
        }
        var next = pending.Where(d => !_draining.ContainsKey(d.Channel.Name)).Select(d => d.NextAt - now).DefaultIfEmpty(Poll).Min();
        return next < TimeSpan.Zero ? TimeSpan.Zero : next < Poll ? next : Poll;
    }

    /// <summary>Sends a channel's due deliveries in the order of their notices.</summary>
    private async Task DrainAsync(IReadOnlyList<NoticeDelivery> due, CancellationToken ct)
    {
        try
        {
            foreach (var delivery in due)
                await AttemptAsync(delivery, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The controller stops: what was not recorded as sent is sent by the next one.
        }
        catch (Exception e)
        {
            LogDrainFailed(logger, e, app, due[0].Channel.Name);
        }
        finally
        {
            Wake();
        }
    }
}
