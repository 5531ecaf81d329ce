using Greenlight.Core.Analysis;

namespace AnalysisBench;

/// <summary>
/// Greenlight as its controller runs it: errorRate and latency with their manifest defaults (or the given
/// latency options), new judges for each trial as for each analysis, a look every second; roll back when any
/// judge fails, promote when every judge passes, and fail safe (roll back) when the analysis runs out of time
/// without a verdict.
/// </summary>
internal sealed class GreenlightWatcher(IReadOnlyDictionary<string, string> latency) : IWatcher
{
    /// <summary>The latency judge as it was before the warm-up, the margin and the burst correction: all off.</summary>
    public static readonly IReadOnlyDictionary<string, string> Plain =
        new Dictionary<string, string> { ["maxWarmupRequests"] = "0", ["minSlowdownMs"] = "0", ["minSlowdown"] = "0", ["burstCorrection"] = "false" };

    private readonly IJudge[] _judges = [Judges.Create(Judges.ErrorRate), Judges.Create(Judges.Latency, latency)];

    public Decision? Look(int second, RevisionTraffic canary, RevisionTraffic stable)
    {
        var (canarySample, stableSample) = (canary.Sample(), stable.Sample());
        var passed = 0;
        foreach (var judge in _judges)
        {
            var verdict = judge.Judge(canarySample, stableSample).Verdict;
            if (verdict == Verdict.Fail) return new Decision(true, judge.Name, second, canary.Requests);
            if (verdict == Verdict.Pass) passed++;
        }

        if (passed == _judges.Length) return new Decision(false, "pass", second, canary.Requests);
        return second >= World.MaxSeconds ? new Decision(true, "timeout", second, canary.Requests) : null;
    }
}
