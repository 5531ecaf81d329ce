namespace Greenlight.Core.Analysis;

/// <summary>
/// Options of the <c>threshold</c> judge: fixed bounds on the canary alone, checked at every look.
/// Set at least one bound. No sequential correction: see docs/analysis.md before relying on it alone.
/// </summary>
public sealed record ThresholdJudgeOptions : JudgeOptions
{
    /// <summary>Highest acceptable error rate, as a fraction (0.01 for 1%).</summary>
    public double? MaxErrorRate { get; init; }

    /// <summary>Highest acceptable latency at <see cref="Quantile"/>, in milliseconds, read from the histogram.</summary>
    public double? MaxLatencyMs { get; init; }

    /// <summary>The quantile <see cref="MaxLatencyMs"/> bounds: 0.99 for p99.</summary>
    public double Quantile { get; init; } = 0.99;

    /// <summary>Lowest acceptable <see cref="RevisionSample.Value"/> (a PromQL scalar, a JSON number).</summary>
    public double? MinValue { get; init; }

    /// <summary>Highest acceptable <see cref="RevisionSample.Value"/>.</summary>
    public double? MaxValue { get; init; }

    /// <summary>
    /// Below this many canary requests (or, without a request count, histogram observations) the verdict is
    /// Inconclusive. A value bound with no count to check needs an explicit 0 here.
    /// </summary>
    public long MinRequests { get; init; } = 100;

    internal static IReadOnlyList<OptionField<ThresholdJudgeOptions>> Fields { get; } =
    [
        OptionFields.Fraction<ThresholdJudgeOptions>("maxErrorRate", (o, v) => o with { MaxErrorRate = v }),
        OptionFields.Number<ThresholdJudgeOptions>("maxLatencyMs", (o, v) => o with { MaxLatencyMs = v }),
        OptionFields.Fraction<ThresholdJudgeOptions>("quantile", (o, v) => o with { Quantile = v }),
        OptionFields.Number<ThresholdJudgeOptions>("minValue", (o, v) => o with { MinValue = v }),
        OptionFields.Number<ThresholdJudgeOptions>("maxValue", (o, v) => o with { MaxValue = v }),
        OptionFields.Whole<ThresholdJudgeOptions>("minRequests", (o, v) => o with { MinRequests = v!.Value }),
    ];

    public override IReadOnlyList<OptionProblem> Validate() => new OptionProblems()
        .Require(MaxErrorRate is not null || MaxLatencyMs is not null || MinValue is not null || MaxValue is not null,
            "", "no bound", "at least one of maxErrorRate, maxLatencyMs, minValue, maxValue")
        .Require(MaxErrorRate is null or (>= 0 and <= 1), "maxErrorRate", MaxErrorRate, "a fraction in [0, 1], e.g. 0.01 for 1%")
        .Require(MaxLatencyMs is null or (> 0 and < double.PositiveInfinity), "maxLatencyMs", MaxLatencyMs, "a positive number of milliseconds")
        .Require(Quantile is > 0 and < 1, "quantile", Quantile, "a quantile in (0, 1), e.g. 0.99 for p99")
        .Require(MinValue is null || double.IsFinite(MinValue.Value), "minValue", MinValue, "a finite number")
        .Require(MaxValue is null || double.IsFinite(MaxValue.Value), "maxValue", MaxValue, "a finite number")
        .Require(MinValue is null || MaxValue is null || MinValue <= MaxValue, "minValue", MinValue, $"at most maxValue ({MaxValue})")
        .Require(MinRequests >= 0, "minRequests", MinRequests, "0 or more")
        .ToList();
}
