using Greenlight.Core.Notifications;

namespace Greenlight.Engine.State;

/// <summary>
/// The notification outbox. A release's notices are written by <see cref="SaveReleaseAsync"/> in the transaction of the
/// transition that caused them, so a controller killed at any instant has either both or neither. Each notice is then
/// routed once to the channels of the release's manifest, and each (notice, channel) is delivered until it is sent or
/// given up.
/// </summary>
public partial interface IStateStore
{
    /// <summary>Notices of the app not yet routed to their channels, oldest first.</summary>
    Task<IReadOnlyList<OutboxNotice>> ListUnroutedNoticesAsync(string app, CancellationToken cancellationToken);

    /// <summary>Marks the notice routed and records one pending delivery per channel (its definition: references, never values).</summary>
    Task RouteNoticeAsync(string noticeId, IReadOnlyList<NotificationChannel> channels, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deliveries of the app neither sent nor given up, oldest notice first.</summary>
    Task<IReadOnlyList<NoticeDelivery>> ListPendingDeliveriesAsync(string app, CancellationToken cancellationToken);

    /// <summary>Records an attempt's outcome: sent, given up, or due again at <paramref name="nextAt"/>.</summary>
    Task RecordDeliveryAsync(string noticeId, string channel, DeliveryStatus status, int attempts, DateTimeOffset nextAt, string? problem, CancellationToken cancellationToken);

    /// <summary>Every delivery of the app, oldest notice first: for status and tests.</summary>
    Task<IReadOnlyList<NoticeDelivery>> ListDeliveriesAsync(string app, CancellationToken cancellationToken);
}

/// <param name="ManifestDigest">The manifest of the release the notice is about, whose channels it goes to; null for the app's current one.</param>
public sealed record OutboxNotice(Notice Notice, string? ManifestDigest);

public enum DeliveryStatus { Pending, Sent, GaveUp }

public sealed record NoticeDelivery(Notice Notice, NotificationChannel Channel, DeliveryStatus Status, int Attempts, DateTimeOffset NextAt, string? Problem);
