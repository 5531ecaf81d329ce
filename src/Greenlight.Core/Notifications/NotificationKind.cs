namespace Greenlight.Core.Notifications;

/// <summary>What a notification tells. Each has a stable wire name (<see cref="NotificationKinds.Name"/>), the
/// <c>type</c> of a webhook payload and what <c>events:</c> in the manifest lists.</summary>
public enum NotificationKind
{
    ReleaseRequested,
    AwaitingApproval,
    Approved,
    Rejected,
    WaveStarted,
    WaveFinished,
    Promoted,
    RolledBack,
    Failed,
    Completed,
    DriftDetected,
}

public static class NotificationKinds
{
    private static readonly Dictionary<NotificationKind, string> Names = new()
    {
        [NotificationKind.ReleaseRequested] = "release.requested",
        [NotificationKind.AwaitingApproval] = "release.awaiting-approval",
        [NotificationKind.Approved] = "release.approved",
        [NotificationKind.Rejected] = "release.rejected",
        [NotificationKind.WaveStarted] = "wave.started",
        [NotificationKind.WaveFinished] = "wave.finished",
        [NotificationKind.Promoted] = "release.promoted",
        [NotificationKind.RolledBack] = "release.rolled-back",
        [NotificationKind.Failed] = "release.failed",
        [NotificationKind.Completed] = "release.completed",
        [NotificationKind.DriftDetected] = "drift.detected",
    };

    public static IReadOnlyList<NotificationKind> All { get; } = Enum.GetValues<NotificationKind>();

    public static string Name(this NotificationKind kind) => Names[kind];

    public static bool TryParse(string name, out NotificationKind kind)
    {
        foreach (var (k, n) in Names)
            if (n == name)
            {
                kind = k;
                return true;
            }
        kind = default;
        return false;
    }
}
