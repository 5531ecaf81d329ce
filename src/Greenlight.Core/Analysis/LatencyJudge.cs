using Greenlight.Core.Analysis.Sequential;

namespace Greenlight.Core.Analysis;

/// <summary>
/// <c>latency</c>: how many canary requests are slower than stable's quantile (p99 by default), against
/// how many of stable's are, with the same always-valid test as <c>errorRate</c> where a "slow" request
/// plays the part of an error. A canary as fast as stable has about 1% of its requests above stable's p99;
/// a slower one has more. Comparing counts of tail requests, rather than two estimated p99s, keeps the
/// test exact in its form and sensitive to any slowdown of the tail.
/// </summary>
internal sealed class LatencyJudge(LatencyJudgeOptions options) : IJudge
{
    private readonly SequentialRateTest _test = new(options);
    private readonly string _quantile = JudgeText.QuantileName(options.Quantile);

    public string Name => Judges.Latency;

    public JudgeResult Judge(RevisionSample canary, RevisionSample stable)
    {
        if ((Problem(canary.Latency, "canary") ?? Problem(stable.Latency, "stable")) is { } problem) return JudgeText.Inconclusive(problem);
        var (canaryLatency, stableLatency) = (canary.Latency!, stable.Latency!);
        if (stableLatency.Count < options.MinStableRequests)
            return JudgeText.Inconclusive($"too little stable traffic to estimate its {_quantile}: {stableLatency.Count} of the {options.MinStableRequests} requests needed");
        if (HistogramMath.Quantile(stableLatency, options.Quantile) is not { } threshold)
            return JudgeText.Inconclusive($"stable's {_quantile} lies beyond the largest finite bucket ({JudgeText.Milliseconds(stableLatency.UpperBounds[^2])}): cannot compare tails");

        // Stable's quantile is itself estimated: about 1% of stable is above it by construction, and its own
        // sampling noise moves the canary's expected share by as much as stable's binomial noise would,
        // which is what the conditional model assumes (docs/analysis.md).
        var counts = new RateCounts(canaryLatency.Count, HistogramMath.CountAbove(canaryLatency, threshold),
            stableLatency.Count, HistogramMath.CountAbove(stableLatency, threshold));
        return _test.Judge(counts, "slow", canaryShare =>
            $"slower than stable's {_quantile} ({JudgeText.Milliseconds(threshold)}): canary {canaryShare} of {JudgeText.Count(counts.CanaryTrials)}, "
            + $"stable {JudgeText.Percent(counts.StableRate)} of {JudgeText.Count(counts.StableTrials)}", ("threshold_seconds", threshold));
    }

    private static string? Problem(LatencyHistogram? histogram, string revision) => histogram is null
        ? JudgeText.Missing(revision, "latency histogram")
        : HistogramMath.Problem(histogram) is { } problem ? $"{revision} latency histogram unreadable: {problem}" : null;
}
