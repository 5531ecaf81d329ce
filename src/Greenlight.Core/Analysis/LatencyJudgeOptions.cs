namespace Greenlight.Core.Analysis;

/// <summary>
/// Options of the <c>latency</c> judge: the share of canary requests slower than stable's
/// <see cref="Quantile"/> latency plus a practical margin, against stable's own share (1 - Quantile),
/// sequentially, once the canary's latency has stopped drifting.
/// </summary>
public sealed record LatencyJudgeOptions : SequentialJudgeOptions
{
    /// <summary>Stable's latency quantile that marks a request as slow: 0.99 compares tails at p99.</summary>
    public double Quantile { get; init; } = 0.99;

    /// <summary>
    /// A canary slower than stable by less than max(<see cref="MinSlowdownMs"/>, <see cref="MinSlowdown"/>)
    /// at the quantile is not worse: the test's null hypothesis is shifted by that margin.
    /// </summary>
    public double MinSlowdownMs { get; init; } = 1;

    /// <summary>The relative part of the margin: 0.02 tolerates a tail 2% slower than stable's.</summary>
    public double MinSlowdown { get; init; } = 0.02;

    /// <summary>Canary requests in each window the warm-up compares with the next one, at the least.</summary>
    public long WarmupWindow { get; init; } = 50;

    /// <summary>Looks each warm-up window spans, at the least: 5 s at one look a second.</summary>
    public int WarmupLooks { get; init; } = 5;

    /// <summary>The warm-up ends when the canary/stable ratios of medians and of p90s of two windows in a row differ by at most this.</summary>
    public double WarmupTolerance { get; init; } = 0.2;

    /// <summary>The warm-up ends at the latest after this many canary requests; 0 turns it off.</summary>
    public long MaxWarmupRequests { get; init; } = 3000;

    /// <summary>Weigh the evidence by how bursty stable's slow requests are (<see cref="TailDispersion"/>); false counts every slow request as independent.</summary>
    public bool BurstCorrection { get; init; } = true;

    /// <summary>Stable needs this many requests for its quantile to rest on about 10 slow requests.</summary>
    internal long MinStableRequests => Math.Max(MinCanaryRequests, (long)Math.Ceiling(10 / (1 - Quantile)));

    internal static IReadOnlyList<OptionField<LatencyJudgeOptions>> Fields { get; } =
    [
        .. SharedFields<LatencyJudgeOptions>(),
        OptionFields.Fraction<LatencyJudgeOptions>("quantile", (o, v) => o with { Quantile = v }),
        OptionFields.Number<LatencyJudgeOptions>("minSlowdownMs", (o, v) => o with { MinSlowdownMs = v }),
        OptionFields.Fraction<LatencyJudgeOptions>("minSlowdown", (o, v) => o with { MinSlowdown = v }),
        OptionFields.Whole<LatencyJudgeOptions>("warmupWindow", (o, v) => o with { WarmupWindow = v!.Value }),
        OptionFields.Whole<LatencyJudgeOptions>("warmupLooks", (o, v) => o with { WarmupLooks = (int)Math.Clamp(v!.Value, int.MinValue, int.MaxValue) }),
        OptionFields.Fraction<LatencyJudgeOptions>("warmupTolerance", (o, v) => o with { WarmupTolerance = v }),
        OptionFields.Whole<LatencyJudgeOptions>("maxWarmupRequests", (o, v) => o with { MaxWarmupRequests = v!.Value }),
        OptionFields.Flag<LatencyJudgeOptions>("burstCorrection", (o, v) => o with { BurstCorrection = v }),
    ];

    private protected override OptionProblems Rules() => base.Rules()
        .Require(Quantile is >= 0.5 and <= 0.999, "quantile", Quantile, "a quantile in [0.5, 0.999], e.g. 0.99 for p99")
        .Require(MinSlowdownMs is >= 0 and <= 10_000, "minSlowdownMs", MinSlowdownMs, "milliseconds in [0, 10000], e.g. 1")
        .Require(MinSlowdown is >= 0 and <= 10, "minSlowdown", MinSlowdown, "a relative margin in [0, 10], e.g. 2% or 0.02")
        .Require(WarmupWindow is >= 10 and <= 100_000, "warmupWindow", WarmupWindow, "a number of canary requests from 10 to 100000, e.g. 50")
        .Require(WarmupLooks is >= 1 and <= 1_000, "warmupLooks", WarmupLooks, "a number of looks from 1 to 1000, e.g. 5")
        .Require(WarmupTolerance is > 0 and <= 1, "warmupTolerance", WarmupTolerance, "a relative margin in (0, 1], e.g. 20% or 0.2")
        .Require(MaxWarmupRequests >= 0, "maxWarmupRequests", MaxWarmupRequests, "0 (no warm-up) or a number of canary requests, e.g. 3000");
}
