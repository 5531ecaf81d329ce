namespace Greenlight.Core.Notifications;

/// <summary>
/// One thing that happened, as every channel is told it. Written to the outbox with the transition that caused it, so its
/// <see cref="Id"/> is fixed once and for all: a webhook receiver drops a retry or a resend by it.
/// </summary>
/// <param name="Environment">Where it happened; null for drift of an app without environments.</param>
/// <param name="Summary">One line for people, such as "shop 2.4.1 rolled back in production: …".</param>
/// <param name="Facts">The numbers and names behind it (wave, regions, verdict, reason), in order.</param>
public sealed record Notice(
    string Id,
    NotificationKind Kind,
    string App,
    string? ReleaseId,
    string? Version,
    string? Environment,
    string Summary,
    IReadOnlyList<KeyValuePair<string, string>> Facts,
    DateTimeOffset At);
