using Greenlight.Core.Delivery;
using Greenlight.Core.Rollouts;

namespace Greenlight.Core.Audit;

/// <summary>
/// The changes to production the controller makes on its own, without an API call, as audit records: an automatic
/// rollback (a failed verdict, a dead revision), and an automatic promotion to all traffic. What a user asked for
/// through the API is audited there, so a transition caused by a user's request is not recorded twice.
/// </summary>
public static class ControllerDecision
{
    public static AuditRecord? Of(Rollout before, Rollout after, Observation cause)
    {
        var subject = $"app {after.App}, rollout {after.Id}";
        if (after.Phase == RolloutPhase.RollingBack && before.Phase != RolloutPhase.RollingBack && cause is not Observation.RollbackRequested)
            return new AuditRecord(AuditRecord.Controller, "rollback", subject, "ok") { Before = after.RevisionName, After = after.Stable, Detail = after.Reason };
        if (after.Phase == RolloutPhase.Warm && before.Phase < RolloutPhase.Warm && !after.Repair && cause is not Observation.PromoteRequested)
            return new AuditRecord(AuditRecord.Controller, "promote", subject, "ok") { Before = after.Stable, After = after.RevisionName };
        return null;
    }

    /// <summary>The same for a release through environments: rolled back on a failed bake or soak, promoted into the next environment.</summary>
    public static AuditRecord? Of(Release before, Release after, ReleaseObservation cause)
    {
        var subject = $"app {after.App}, release {after.Id}";
        if (after.Phase == ReleasePhase.RollingBack && before.Phase != ReleasePhase.RollingBack
            && cause is not (ReleaseObservation.RollbackRequested or ReleaseObservation.AbortRequested))
            return new AuditRecord(AuditRecord.Controller, "rollback", subject, "ok") { Before = after.Version, Detail = after.Reason };
        if (after.CurrentStage()?.Environment is { } entered && before.CurrentStage()?.Environment is { } left && entered != left
            && cause is not ReleaseObservation.PromoteRequested)
            return new AuditRecord(AuditRecord.Controller, "promote", subject, "ok") { Before = left, After = entered, Detail = $"version {after.Version}" };
        return null;
    }

    /// <summary>A serving revision died and the controller starts it again.</summary>
    public static AuditRecord Repair(Rollout repair, string revision) =>
        new(AuditRecord.Controller, "repair", $"app {repair.App}, rollout {repair.Id}", "ok") { Before = revision, After = repair.RevisionName, Detail = $"serving revision {revision} died" };
}
