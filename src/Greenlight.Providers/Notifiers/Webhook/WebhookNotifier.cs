using System.Text.Json.Nodes;
using Greenlight.Core.Notifications;

namespace Greenlight.Providers.Notifiers.Webhook;

/// <summary>
/// A generic webhook signed per the Standard Webhooks specification: <c>webhook-id</c> is the notice's id (the same on
/// every retry, so the receiver drops duplicates by it), <c>webhook-timestamp</c> the attempt's unix seconds, and
/// <c>webhook-signature</c> signs both with the body. The body is <c>{type, timestamp, data}</c>.
/// </summary>
internal sealed class WebhookNotifier(HttpClient http, TimeProvider time) : INotifier
{
    public string Name => NotificationChannel.Webhook;

    public Task<SendResult> SendAsync(Notice notice, ChannelSecrets secrets, CancellationToken cancellationToken)
    {
        if (secrets.SigningSecret is null || WebhookSignature.KeyOf(secrets.SigningSecret) is not { } key)
            return Task.FromResult(new SendResult(false, "the signing secret is not whsec_ followed by the base64 of at least 16 bytes", Permanent: true));
        var body = Body(notice).ToJsonString();
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        return NoticePost.SendAsync(http, secrets.Url, body, headers =>
        {
            headers.Add("webhook-id", notice.Id);
            headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            headers.Add("webhook-signature", WebhookSignature.Sign(key, notice.Id, timestamp, body));
        }, cancellationToken);
    }

    public static JsonObject Body(Notice n) => new()
    {
        ["type"] = n.Kind.Name(),
        ["timestamp"] = n.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["data"] = NoticeJson.Data(n),
    };
}
