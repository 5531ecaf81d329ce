using System.Text.Json.Nodes;
using Greenlight.Core.Notifications;

namespace Greenlight.Providers.Notifiers.Teams;

/// <summary>
/// A Microsoft Teams Workflows webhook ("When a Teams webhook request is received"): a message whose one attachment is
/// an Adaptive Card with the title, the summary and the facts as a FactSet. The URL is the credential, read per attempt.
/// </summary>
internal sealed class TeamsNotifier(HttpClient http) : INotifier
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";

    public string Name => NotificationChannel.Teams;

    public Task<SendResult> SendAsync(Notice notice, ChannelSecrets secrets, CancellationToken cancellationToken) =>
        NoticePost.SendAsync(http, secrets.Url, Body(notice).ToJsonString(), null, cancellationToken);

    public static JsonObject Body(Notice n)
    {
        var facts = NoticeJson.Fields(n).Select(f => (JsonNode)new JsonObject { ["title"] = f.Key, ["value"] = f.Value });
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray(
                new JsonObject { ["type"] = "TextBlock", ["size"] = "Medium", ["weight"] = "Bolder", ["wrap"] = true, ["text"] = NoticeJson.Title(n) },
                new JsonObject { ["type"] = "TextBlock", ["wrap"] = true, ["text"] = n.Summary },
                new JsonObject { ["type"] = "FactSet", ["facts"] = new JsonArray([.. facts]) },
                new JsonObject { ["type"] = "TextBlock", ["isSubtle"] = true, ["size"] = "Small", ["wrap"] = true, ["text"] = $"event {n.Id}" }),
        };
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = CardType, ["contentUrl"] = null, ["content"] = card }),
        };
    }
}
