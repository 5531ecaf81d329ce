using Greenlight.Core.Notifications;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Notifications;

internal sealed partial class NoticeDispatcher
{
    /// <summary>One attempt at one delivery, and its record: sent, due again after <see cref="Backoff"/>, or given up
    /// (an event on the release says so). Problems name the channel, never its URL.</summary>
    private async Task AttemptAsync(NoticeDelivery delivery, CancellationToken ct)
    {
        var (notice, channel) = (delivery.Notice, delivery.Channel);
        var attempts = delivery.Attempts + 1;
        var result = await SendAsync(notice, channel, ct);
        var now = time.GetUtcNow();
        if (result.Delivered)
        {
            await store.RecordDeliveryAsync(notice.Id, channel.Name, DeliveryStatus.Sent, attempts, now, null, ct);
            LogSent(logger, notice.Kind.Name(), notice.Id, channel.Name, attempts);
            return;
        }
        var problem = $"channel {channel.Name} ({channel.Type}): {result.Problem}";
        if (result.Permanent || attempts >= Backoff.MaxAttempts)
        {
            // The event first: whoever sees the delivery given up finds the release's event already there, and a
            // controller killed between the two writes tries again rather than giving up without a word.
            if (notice.ReleaseId is { } release)
                await store.AppendEventAsync(release, $"notification {notice.Kind.Name()} ({notice.Id}) given up after {attempts} attempt(s): {problem}", null, ct);
            await store.RecordDeliveryAsync(notice.Id, channel.Name, DeliveryStatus.GaveUp, attempts, now, problem, ct);
            LogGaveUp(logger, notice.Kind.Name(), notice.Id, attempts, problem);
            return;
        }
        var wait = Backoff.After(attempts, result.RetryAfter, random);
        await store.RecordDeliveryAsync(notice.Id, channel.Name, DeliveryStatus.Pending, attempts, now + wait, problem, ct);
        LogRetry(logger, notice.Kind.Name(), notice.Id, attempts, problem, wait.TotalSeconds);
    }

    private async Task<SendResult> SendAsync(Notice notice, NotificationChannel channel, CancellationToken ct)
    {
        if (!notifiers.TryGetValue(channel.Type, out var notifier))
            return new SendResult(false, $"no notifier sends to {channel.Type} channels", Permanent: true);
        var (read, problem) = await secrets.ReadAsync(channel, ct);
        return read is null ? new SendResult(false, problem) : await notifier.SendAsync(notice, read, ct);
    }
}
