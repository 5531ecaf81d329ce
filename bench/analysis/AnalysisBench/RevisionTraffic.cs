using Greenlight.Core.Analysis;

namespace AnalysisBench;

/// <summary>What the edge would count for one revision: cumulative totals and buckets, plus the raw
/// requests of the current Mann-Whitney window (only a fixed-horizon test needs them).</summary>
internal sealed class RevisionTraffic
{
    public long Requests { get; private set; }
    public long Errors { get; private set; }
    public long[] BucketCounts { get; } = new long[World.Buckets.Length];
    public List<double> WindowLatencies { get; } = [];
    public List<double> WindowErrors { get; } = [];

    public void Record(bool error, double seconds)
    {
        Requests++;
        if (error) Errors++;
        var i = 0;
        while (World.Buckets[i] < seconds) i++;
        BucketCounts[i]++;
        WindowLatencies.Add(seconds);
        WindowErrors.Add(error ? 1 : 0);
    }

    public void ClearWindow()
    {
        WindowLatencies.Clear();
        WindowErrors.Clear();
    }

    /// <summary>The histogram of the requests counted since <paramref name="since"/> (null: since the start).</summary>
    public LatencyHistogram Histogram(long[]? since = null)
    {
        var cumulative = new long[BucketCounts.Length];
        long sum = 0;
        for (var i = 0; i < cumulative.Length; i++) cumulative[i] = sum += BucketCounts[i] - (since?[i] ?? 0);
        return new LatencyHistogram(World.Buckets, cumulative);
    }

    public RevisionSample Sample() => new(Requests, Errors, Histogram(), null);
}
