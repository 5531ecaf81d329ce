using Greenlight.Core.Notifications;
using Greenlight.Providers.Notifiers.Slack;
using Greenlight.Providers.Notifiers.Teams;
using Greenlight.Providers.Notifiers.Webhook;

namespace Greenlight.Providers.Notifiers;

/// <summary>The built-in notifiers, keyed by the channel <c>type</c> a manifest names.</summary>
public static class Notifiers
{
    /// <param name="http">Shared client; each send is bounded by <see cref="NoticePost.Timeout"/>.</param>
    /// <param name="time">The clock of the webhook's <c>webhook-timestamp</c>.</param>
    public static IReadOnlyDictionary<string, INotifier> Create(HttpClient http, TimeProvider time)
    {
        INotifier[] notifiers = [new SlackNotifier(http), new TeamsNotifier(http), new WebhookNotifier(http, time)];
        return notifiers.ToDictionary(n => n.Name, StringComparer.Ordinal);
    }
}
