using Greenlight.Core.Manifest;

namespace Greenlight.Core.Notifications;

/// <summary>
/// One place the team hears from Greenlight, as <c>notifications:</c> in the manifest names it. Only references to
/// secrets live here: a Slack or Teams URL, and a webhook's signing secret, are read from the secrets store when sent.
/// </summary>
/// <param name="Name">How logs, errors and events name the channel: never by its URL, which may be a secret.</param>
/// <param name="Type">The <see cref="INotifier.Name"/> that sends to it: slack, teams or webhook.</param>
/// <param name="Url">Where the URL is kept; null when <paramref name="InlineUrl"/> gives a loopback webhook URL.</param>
/// <param name="Secret">The webhook's signing secret (<c>whsec_…</c>); null for Slack and Teams.</param>
/// <param name="Events">The kinds sent here; all when null.</param>
/// <param name="Environments">The environments whose events are sent here; all when null.</param>
public sealed record NotificationChannel(
    string Name,
    string Type,
    SecretReference? Url,
    string? InlineUrl,
    SecretReference? Secret,
    IReadOnlyList<NotificationKind>? Events = null,
    IReadOnlyList<string>? Environments = null)
{
    public const string Slack = "slack";
    public const string Teams = "teams";
    public const string Webhook = "webhook";

    /// <summary>Whether a notice of <paramref name="kind"/> in <paramref name="environment"/> goes here. A notice of no
    /// environment (drift of an app without environments) goes to every channel that takes its kind.</summary>
    public bool Takes(NotificationKind kind, string? environment) =>
        (Events is null || Events.Contains(kind)) && (Environments is null || environment is null || Environments.Contains(environment));
}
