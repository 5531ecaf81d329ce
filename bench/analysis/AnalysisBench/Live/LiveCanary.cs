using Greenlight.Core.Rollouts;

namespace AnalysisBench.Live;

/// <summary>One canary of the live A/A: how its release ended, why, how long it took, and what the old judges said.</summary>
internal sealed record LiveCanary(string Version, RolloutPhase Phase, string Verdict, double Seconds, string Plain)
{
    public bool RolledBack => Phase != RolloutPhase.Completed;

    public bool PlainRolledBack => Plain.StartsWith("Fail", StringComparison.Ordinal);
}

/// <summary>The live A/A's canaries and the conditions they ran in.</summary>
internal sealed record LiveAaResult(IReadOnlyList<LiveCanary> Canaries, long Requests, long FailedRequests, double Seconds, int RequestsPerSecond, string LoadBefore, string LoadAfter)
{
    public double FalseRollbackRate => Rate(c => c.RolledBack);

    public double PlainFalseRollbackRate => Rate(c => c.PlainRolledBack);

    private double Rate(Func<LiveCanary, bool> predicate) => Canaries.Count == 0 ? 0 : (double)Canaries.Count(predicate) / Canaries.Count;
}
