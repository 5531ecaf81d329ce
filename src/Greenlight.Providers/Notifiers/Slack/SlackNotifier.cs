using System.Text.Json.Nodes;
using Greenlight.Core.Notifications;

namespace Greenlight.Providers.Notifiers.Slack;

/// <summary>
/// A Slack incoming webhook: Block Kit blocks (a header, the summary, the facts as fields, the ids as context) with
/// <c>text</c> as the fallback that notifications and screen readers show. The URL is the credential, read per attempt.
/// </summary>
internal sealed class SlackNotifier(HttpClient http) : INotifier
{
    // Block Kit's limits: a header holds 150 characters, a section 3000, a field 2000, and a section 10 fields.
    private const int HeaderMax = 150, SectionMax = 3000, FieldMax = 2000, FieldsMax = 10;

    public string Name => NotificationChannel.Slack;

    public Task<SendResult> SendAsync(Notice notice, ChannelSecrets secrets, CancellationToken cancellationToken) =>
        NoticePost.SendAsync(http, secrets.Url, Body(notice).ToJsonString(), null, cancellationToken);

    public static JsonObject Body(Notice n)
    {
        var fields = NoticeJson.Fields(n).Take(FieldsMax)
            .Select(f => (JsonNode)new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut($"*{Escape(f.Key)}*\n{Escape(f.Value)}", FieldMax) });
        return new JsonObject
        {
            ["text"] = Cut(n.Summary, SectionMax),
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "header", ["text"] = Plain(Cut(NoticeJson.Title(n), HeaderMax)) },
                new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut(Escape(n.Summary), SectionMax) } },
                new JsonObject { ["type"] = "section", ["fields"] = new JsonArray([.. fields]) },
                new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = $"event {n.Id} · {n.At:yyyy-MM-dd HH:mm:ss}Z" }) }),
        };
    }

    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    /// <summary>mrkdwn reads &amp;, &lt; and &gt; as markup (links, mentions): a reason quoting them shows as written.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
