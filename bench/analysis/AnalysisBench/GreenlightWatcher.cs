using Greenlight.Core.Analysis;

namespace AnalysisBench;

/// <summary>
/// Greenlight as its controller runs it: errorRate and latency with their manifest defaults, a look every
/// second; roll back when any judge fails, promote when every judge passes, and fail safe (roll back) when
/// the analysis runs out of time without a verdict.
/// </summary>
internal sealed class GreenlightWatcher : IWatcher
{
    private static readonly IJudge[] Judged = [Judges.Create(Judges.ErrorRate), Judges.Create(Judges.Latency)];

    public Decision? Look(int second, RevisionTraffic canary, RevisionTraffic stable)
    {
        var (canarySample, stableSample) = (canary.Sample(), stable.Sample());
        var passed = 0;
        foreach (var judge in Judged)
        {
            var verdict = judge.Judge(canarySample, stableSample).Verdict;
            if (verdict == Verdict.Fail) return new Decision(true, judge.Name, second, canary.Requests);
            if (verdict == Verdict.Pass) passed++;
        }

        if (passed == Judged.Length) return new Decision(false, "pass", second, canary.Requests);
        return second >= World.MaxSeconds ? new Decision(true, "timeout", second, canary.Requests) : null;
    }
}
