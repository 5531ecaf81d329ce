namespace AnalysisBench;

/// <summary>
/// A Flagger-style analysis: every 1-minute interval, the canary's request success rate over that interval
/// must be at least 99% and its p99 (histogram_quantile over the interval) at most 1.2 times stable's over
/// the same interval (a ratio template, which stays honest about bucket interpolation); one failed check
/// per interval when either metric fails, rollback when failed checks reach the threshold of 5.
/// </summary>
internal sealed class FlaggerWatcher : IWatcher
{
    private const int IntervalSeconds = 60;
    private const int Threshold = 5;
    private const double MinSuccessRate = 0.99;
    private const double MaxP99Ratio = 1.2;

    private long _canaryRequests, _canaryErrors;
    private long[] _canaryBuckets = new long[World.Buckets.Length];
    private long[] _stableBuckets = new long[World.Buckets.Length];
    private int _failedChecks;

    public Decision? Look(int second, RevisionTraffic canary, RevisionTraffic stable)
    {
        if (second % IntervalSeconds != 0) return null;
        var requests = canary.Requests - _canaryRequests;
        var successRate = requests == 0 ? double.NaN : 1 - (double)(canary.Errors - _canaryErrors) / requests;
        var canaryP99 = canary.Histogram(_canaryBuckets).Quantile(0.99);
        var stableP99 = stable.Histogram(_stableBuckets).Quantile(0.99);
        // Flagger counts a metric with no value ("no values found") as a failed check.
        var failed = !(successRate >= MinSuccessRate) || canaryP99 is null || stableP99 is null || canaryP99 > MaxP99Ratio * stableP99;

        (_canaryRequests, _canaryErrors) = (canary.Requests, canary.Errors);
        _canaryBuckets = (long[])canary.BucketCounts.Clone();
        _stableBuckets = (long[])stable.BucketCounts.Clone();
        if (failed && ++_failedChecks >= Threshold) return new Decision(true, "checks", second, canary.Requests);
        return second >= World.MaxSeconds ? new Decision(false, "end", second, canary.Requests) : null;
    }
}
