using static Greenlight.Core.Delivery.StagePhase;

namespace Greenlight.Core.Delivery;

internal static partial class StageMachine
{
    /// <summary>The gate before the first wave: waits while the approvals that count are fewer than the plan requires.</summary>
    /// <param name="r">The release, for who requested and wrote it and the manifest it carries.</param>
    private static Stage AwaitApproval(Stage s, Release r, DateTimeOffset now, Journal j)
    {
        if (s.Plan.Approval is null)
            return StartWave(s, 0, now, j);
        var tally = ApprovalPolicy.Tally(r, s, now);
        if (tally.Met)
        {
            j.Log.Add($"{s.Environment}: approved: {tally.Summary}");
            return StartWave(s with { Approved = tally.Summary }, 0, now, j);
        }

        j.Log.Add($"{s.Environment}: {tally.Waiting}");
        return s with { Phase = AwaitingApproval, Reason = tally.Waiting };
    }

    public static Stage Approve(Stage s, Approval approval, Release r, DateTimeOffset now, Journal j)
    {
        j.Log.Add($"{s.Environment}: approved by {approval.By}: {approval.Reason}");
        return AwaitApproval(s with { Approvals = [.. s.Approvals, approval] }, r, now, j);
    }

    public static Stage Reject(Stage s, string by, string reason, Journal j)
    {
        var why = $"rejected by {by}: {reason}";
        j.Log.Add($"{s.Environment}: {why}");
        return s with { Phase = Rejected, Reason = why };
    }
}
