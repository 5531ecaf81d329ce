using System.Globalization;
using Greenlight.Core.Analysis.Sequential;

namespace Greenlight.Core.Analysis;

/// <summary>
/// <c>latency</c>: how many canary requests are slower than stable's quantile (p99 by default) plus a practical
/// margin, against how many of stable's are slower than the quantile itself, with the same always-valid test as
/// <c>errorRate</c> where a "slow" request plays the part of an error. A canary as fast as stable has under 1% of
/// its requests above that line; a slower one has more. Comparing counts of tail requests, rather than two
/// estimated p99s, keeps the test exact in its form and sensitive to any slowdown of the tail.
/// </summary>
/// <remarks>
/// One instance judges one analysis: it remembers the canary's warm-up (<see cref="LatencyWarmup"/>), counts both
/// revisions from its end, and how bursty stable's slow requests have been (<see cref="TailDispersion"/>).
/// </remarks>
internal sealed class LatencyJudge(LatencyJudgeOptions options) : IJudge
{
    private readonly SequentialRateTest _test = new(options);
    private readonly string _quantile = JudgeText.QuantileName(options.Quantile);
    private readonly LatencyWarmup? _warmup = options.MaxWarmupRequests > 0 ? new LatencyWarmup(options) : null;
    private readonly TailDispersion _dispersion = new();

    public string Name => Judges.Latency;

    public JudgeResult Judge(RevisionSample canary, RevisionSample stable)
    {
        if ((Problem(canary.Latency, "canary") ?? Problem(stable.Latency, "stable")) is { } problem) return JudgeText.Inconclusive(problem);
        var (canaryLatency, stableLatency) = (canary.Latency!, stable.Latency!);
        var threshold = stableLatency.Count >= options.MinStableRequests ? HistogramMath.Quantile(stableLatency, options.Quantile) : null;
        var dispersion = threshold is { } t && options.BurstCorrection ? _dispersion.Observe(stableLatency, t) : 1;
        if (_warmup?.Observe(canaryLatency, stableLatency) is { } warming) return JudgeText.Inconclusive(warming);
        if (stableLatency.Count < options.MinStableRequests)
            return JudgeText.Inconclusive($"too little stable traffic to estimate its {_quantile}: {stableLatency.Count} of the {options.MinStableRequests} requests needed");
        if (threshold is null)
            return JudgeText.Inconclusive($"stable's {_quantile} lies beyond the largest finite bucket ({JudgeText.Milliseconds(stableLatency.UpperBounds[^2])}): cannot compare tails");

        // Stable does not warm up: its quantile rests on all its requests since the analysis began, while both
        // revisions' requests are counted from the end of the canary's warm-up.
        if (_warmup?.Baseline is (LatencyHistogram canaryWarm, LatencyHistogram stableWarm))
        {
            if ((canaryLatency.Since(canaryWarm), stableLatency.Since(stableWarm)) is not (LatencyHistogram c, LatencyHistogram s))
                return JudgeText.Inconclusive("latency counts went backwards since the warm-up ended: a counter reset?");
            (canaryLatency, stableLatency) = (c, s);
        }

        var after = _warmup is null ? "" : $" ({_warmup.Outcome})";
        if (stableLatency.Count == 0) return JudgeText.Inconclusive($"stable served no requests since the warm-up ended{after}");

        // The null hypothesis is "the canary is at most the margin slower": then at most stable's share of its
        // requests lies above stable's quantile plus the margin, and the test keeps its bound against that
        // whole hypothesis, where dropping small differences after the test would not. Stable's quantile is
        // itself estimated: about 1% of stable is above it by construction, and its own sampling noise moves
        // the canary's expected share by as much as stable's binomial noise would (docs/analysis.md).
        var line = Math.Max(threshold.Value + options.MinSlowdownMs / 1000, threshold.Value * (1 + options.MinSlowdown));
        var counts = new RateCounts(canaryLatency.Count, HistogramMath.CountAbove(canaryLatency, line),
            stableLatency.Count, HistogramMath.CountAbove(stableLatency, threshold.Value)) { Dispersion = dispersion };
        var bursts = dispersion > 1 ? $"; slow requests come in bursts, evidence weighed on 1/{dispersion.ToString("0.0", CultureInfo.InvariantCulture)} of them" : "";
        return _test.Judge(counts, "slow", canaryShare =>
            $"slower than stable's {_quantile} ({JudgeText.Milliseconds(threshold.Value)}) + margin = {JudgeText.Milliseconds(line)}: "
            + $"canary {canaryShare} of {JudgeText.Count(counts.CanaryTrials)}, stable {JudgeText.Percent(counts.StableRate)} of "
            + $"{JudgeText.Count(counts.StableTrials)} above its {_quantile}{bursts}{after}",
            ("quantile", options.Quantile), ("threshold_seconds", threshold.Value), ("canary_threshold_seconds", line), ("warmup_canary_requests", _warmup?.Baseline?.Canary.Count ?? 0),
            ("dispersion", dispersion));
    }

    private static string? Problem(LatencyHistogram? histogram, string revision) => histogram is null
        ? JudgeText.Missing(revision, "latency histogram")
        : HistogramMath.Problem(histogram) is { } problem ? $"{revision} latency histogram unreadable: {problem}" : null;
}
