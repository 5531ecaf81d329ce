namespace Greenlight.Core.Analysis;

/// <summary>
/// What a metric provider measured for one revision, cumulative since the analysis began
/// (counters are differences against the first measurement). Any part may be missing when the
/// provider does not offer it; a missing part is never read as zero.
/// </summary>
/// <param name="Requests">Requests the revision answered.</param>
/// <param name="Errors">Of those, the failed ones (5xx and transport errors for the edge).</param>
/// <param name="Latency">Latency distribution of those requests.</param>
/// <param name="Value">A single number (for threshold judges), e.g. a PromQL scalar or a JSON value.</param>
public sealed record RevisionSample(long? Requests, long? Errors, LatencyHistogram? Latency, double? Value)
{
    public static RevisionSample Counts(long requests, long errors) => new(requests, errors, null, null);

    /// <summary>The edge's counters of one revision: its errors are 5xx answers and transport errors; latency stays
    /// null while the router reports no histogram (missing, not empty). No counters at all read as none yet.</summary>
    public static RevisionSample Of(Traffic.RevisionTraffic? t) =>
        new(t?.Requests ?? 0, (t?.ServerErrors ?? 0) + (t?.TransportErrors ?? 0), t?.Latency, null);

    /// <summary>
    /// What happened since <paramref name="baseline"/>, an earlier measurement of the same revision: providers
    /// report counters since the revision started, judges want them since the analysis began. A counter that
    /// went down means its source restarted; the difference is meaningless, so missing. The value is not a counter.
    /// </summary>
    public RevisionSample Since(RevisionSample baseline) => new(
        Minus(Requests, baseline.Requests),
        Minus(Errors, baseline.Errors),
        baseline.Latency is null ? null : Latency?.Since(baseline.Latency),
        Value);

    private static long? Minus(long? now, long? then) => now - then is >= 0 and var d ? d : null;
}

/// <summary>
/// A cumulative latency histogram in Prometheus form: <paramref name="UpperBounds"/> in seconds,
/// ascending, the last one +Infinity; <paramref name="CumulativeCounts"/>[i] = requests that took at most UpperBounds[i].
/// </summary>
public sealed record LatencyHistogram(IReadOnlyList<double> UpperBounds, IReadOnlyList<long> CumulativeCounts)
{
    public long Count => CumulativeCounts.Count == 0 ? 0 : CumulativeCounts[^1];

    /// <summary>
    /// The <paramref name="q"/> quantile in seconds, interpolated inside its bucket as Prometheus'
    /// histogram_quantile does; null when there is no request or it lies in the +Inf bucket.
    /// The histogram must be well formed (ascending bounds, +Inf last, cumulative counts).
    /// </summary>
    public double? Quantile(double q) => HistogramMath.Quantile(this, q);

    /// <summary>
    /// The requests counted since <paramref name="earlier"/>, a snapshot of the same histogram; null when the
    /// two do not share their bounds or a count went down (the source restarted: the difference means nothing).
    /// </summary>
    public LatencyHistogram? Since(LatencyHistogram earlier)
    {
        if (!UpperBounds.SequenceEqual(earlier.UpperBounds) || CumulativeCounts.Count != earlier.CumulativeCounts.Count) return null;
        var counts = CumulativeCounts.Zip(earlier.CumulativeCounts, (now, then) => now - then).ToList();
        return counts.Any(c => c < 0) ? null : this with { CumulativeCounts = counts };
    }
}
