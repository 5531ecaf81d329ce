using Greenlight.Core.Analysis;

namespace Greenlight.Edge.Metrics;

/// <summary>
/// One revision's latency histogram as the judges read it (GET /v1/routes/{app}/traffic). prometheus-net
/// keeps its bucket counts private, so the same observations are counted here as well: one binary
/// search and one interlocked increment per request.
/// </summary>
internal sealed class LatencyCounts
{
    private readonly long[] _counts = new long[LatencyBuckets.WithInfinity.Count]; // per bucket, not cumulative

    public void Observe(double seconds)
    {
        // Prometheus buckets are "less than or equal": an exact hit belongs to that bound's bucket.
        var i = Array.BinarySearch(LatencyBuckets.Finite, seconds);
        Interlocked.Increment(ref _counts[i < 0 ? ~i : i]);
    }

    /// <summary>Cumulative counts per bound, +Inf last; not atomic across buckets, but always non-decreasing.</summary>
    public LatencyHistogram Snapshot()
    {
        var cumulative = new long[_counts.Length];
        long total = 0;
        for (var i = 0; i < _counts.Length; i++) cumulative[i] = total += Volatile.Read(ref _counts[i]);
        return new LatencyHistogram(LatencyBuckets.WithInfinity, cumulative);
    }
}
