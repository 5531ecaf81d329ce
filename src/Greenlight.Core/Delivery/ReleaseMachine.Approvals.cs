namespace Greenlight.Core.Delivery;

/// <summary>Approve and reject: decided where the release waits for approval, under <see cref="ApprovalPolicy"/>.</summary>
public static partial class ReleaseMachine
{
    private static Release Approve(Release r, ReleaseObservation.ApprovalRequested a, DateTimeOffset now, Journal j)
    {
        if (Waiting(r, j) is not { } index)
            return r;
        var stage = r.Stages[index];
        if (ApprovalPolicy.Refusal(r, stage, a.By, a.HoldsRole, now) is { } refusal)
        {
            j.Forbid(refusal);
            return r;
        }

        return Replace(r, index, StageMachine.Approve(stage, new Approval(a.By, now, a.Reason, r.ManifestDigest), r, now, j));
    }

    private static Release Reject(Release r, ReleaseObservation.RejectionRequested a, Journal j)
    {
        if (Waiting(r, j) is not { } index)
            return r;
        if (ApprovalPolicy.MayNotDecide(r.Stages[index], a.By, a.HoldsRole) is { } refusal)
        {
            j.Forbid(refusal);
            return r;
        }

        return Replace(r, index, StageMachine.Reject(r.Stages[index], a.By, a.Reason, j));
    }

    /// <summary>The stage that awaits approval; null, refused with where the release is, when none does.</summary>
    private static int? Waiting(Release r, Journal j)
    {
        var index = r.Stages.ToList().FindIndex(s => s.Phase == StagePhase.AwaitingApproval);
        if (index >= 0 && r.Phase == ReleasePhase.Running)
            return index;
        var where = r.CurrentStage() is { } current && r.Phase == ReleasePhase.Running ? $"{current.Environment} is {Promotion.Describe(current)}" : $"it is {r.Phase}";
        j.Refuse($"release {r.Id} awaits no approval: {where}");
        return null;
    }
}
