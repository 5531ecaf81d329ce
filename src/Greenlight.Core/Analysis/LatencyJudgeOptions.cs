namespace Greenlight.Core.Analysis;

/// <summary>
/// Options of the <c>latency</c> judge: the share of canary requests slower than stable's
/// <see cref="Quantile"/> latency, against stable's own share (1 - Quantile), sequentially.
/// </summary>
public sealed record LatencyJudgeOptions : SequentialJudgeOptions
{
    /// <summary>Stable's latency quantile that marks a request as slow: 0.99 compares tails at p99.</summary>
    public double Quantile { get; init; } = 0.99;

    /// <summary>Stable needs this many requests for its quantile to rest on about 10 slow requests.</summary>
    internal long MinStableRequests => Math.Max(MinCanaryRequests, (long)Math.Ceiling(10 / (1 - Quantile)));

    internal static IReadOnlyList<OptionField<LatencyJudgeOptions>> Fields { get; } =
        [.. SharedFields<LatencyJudgeOptions>(), OptionFields.Fraction<LatencyJudgeOptions>("quantile", (o, v) => o with { Quantile = v })];

    private protected override OptionProblems Rules() => base.Rules()
        .Require(Quantile is >= 0.5 and <= 0.999, "quantile", Quantile, "a quantile in [0.5, 0.999], e.g. 0.99 for p99");
}
