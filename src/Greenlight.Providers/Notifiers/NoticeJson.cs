using System.Text.Json.Nodes;
using Greenlight.Core.Notifications;

namespace Greenlight.Providers.Notifiers;

/// <summary>The fields every payload shares, so that Slack, Teams and the webhook tell the same thing.</summary>
internal static class NoticeJson
{
    /// <summary>The webhook's <c>data</c>: names and numbers as fields, the facts as an object.</summary>
    public static JsonObject Data(Notice n) => new()
    {
        ["app"] = n.App,
        ["release"] = n.ReleaseId,
        ["version"] = n.Version,
        ["environment"] = n.Environment,
        ["summary"] = n.Summary,
        ["facts"] = new JsonObject(n.Facts.DistinctBy(f => f.Key).Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value)))),
    };

    public static string Title(Notice n) => n.Version is null ? $"{n.App}: {n.Kind.Name()}" : $"{n.App} {n.Version}: {n.Kind.Name()}";

    /// <summary>What people read beside the summary: where, then the facts, then the ids to look it up by.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Fields(Notice n) =>
        new[] { KeyValuePair.Create("environment", n.Environment), KeyValuePair.Create("release", n.ReleaseId) }
            .Where(f => f.Value is not null).Select(f => KeyValuePair.Create(f.Key, f.Value!)).Concat(n.Facts);
}
