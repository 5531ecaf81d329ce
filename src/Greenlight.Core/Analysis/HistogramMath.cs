namespace Greenlight.Core.Analysis;

/// <summary>
/// Reads a cumulative histogram the way Prometheus' histogram_quantile does: requests are taken as spread
/// evenly inside their bucket, so every figure between two bounds is an interpolation, exact only at the
/// bounds. Both judges that compare tails apply the same interpolation to both revisions, so its bias
/// (real latencies are not uniform inside a bucket) largely cancels when the revisions are alike.
/// </summary>
internal static class HistogramMath
{
    /// <summary>Why the histogram cannot be read, or null when it is well formed.</summary>
    public static string? Problem(LatencyHistogram histogram)
    {
        var (bounds, counts) = (histogram.UpperBounds, histogram.CumulativeCounts);
        if (bounds.Count < 2 || counts.Count != bounds.Count) return "needs matching bounds and counts, with a finite bucket and +Inf";
        if (!double.IsPositiveInfinity(bounds[^1])) return "its last bucket is not +Inf";
        for (var i = 0; i < bounds.Count; i++)
        {
            if (double.IsNaN(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) return "its bounds are not ascending";
            if (counts[i] < 0 || (i > 0 && counts[i] < counts[i - 1])) return "its counts are not cumulative (a counter reset?)";
        }

        return null;
    }

    /// <summary>The interpolated <paramref name="q"/> quantile in seconds; null when it lies in the +Inf bucket or there is no request.</summary>
    public static double? Quantile(LatencyHistogram histogram, double q)
    {
        var (bounds, counts) = (histogram.UpperBounds, histogram.CumulativeCounts);
        var rank = q * histogram.Count;
        if (histogram.Count == 0) return null;
        var i = 0;
        while (counts[i] < rank) i++;
        if (double.IsPositiveInfinity(bounds[i])) return null;
        var (lower, below) = i == 0 ? (Math.Min(0, bounds[0]), 0L) : (bounds[i - 1], counts[i - 1]);
        return lower + (bounds[i] - lower) * (rank - below) / (counts[i] - below);
    }

    /// <summary>The requests slower than <paramref name="seconds"/>, interpolated inside the bucket that holds it.</summary>
    public static double CountAbove(LatencyHistogram histogram, double seconds)
    {
        var (bounds, counts) = (histogram.UpperBounds, histogram.CumulativeCounts);
        var i = 0;
        while (bounds[i] < seconds) i++;
        if (double.IsPositiveInfinity(bounds[i])) return histogram.Count - counts[i - 1];
        var (lower, below) = i == 0 ? (Math.Min(0, bounds[0]), 0L) : (bounds[i - 1], counts[i - 1]);
        var inBucket = counts[i] - below;
        var aboveInBucket = bounds[i] > lower ? inBucket * (bounds[i] - seconds) / (bounds[i] - lower) : 0;
        return histogram.Count - counts[i] + Math.Clamp(aboveInBucket, 0, inBucket);
    }
}
