namespace Greenlight.Core.Analysis;

/// <summary>
/// Options shared by the sequential comparisons of canary against stable (<c>errorRate</c>, <c>latency</c>).
/// The defaults are tuned with <c>bench/analysis/run</c>; docs/analysis.md gives the figures.
/// </summary>
public abstract record SequentialJudgeOptions : JudgeOptions
{
    private protected SequentialJudgeOptions()
    {
    }

    /// <summary>Chance of failing a canary that is not worse than stable, however often the judge looks.</summary>
    public double Alpha { get; init; } = 0.005;

    /// <summary>Chance of passing (by the non-inferiority test) a canary worse than stable by more than the tolerance.</summary>
    public double Beta { get; init; } = 0.05;

    /// <summary>Relative margin for Pass: the canary's rate may be up to (1 + Tolerance) times stable's.</summary>
    public double Tolerance { get; init; } = 1.0;

    /// <summary>Below this many canary requests the verdict is Inconclusive, whatever the numbers.</summary>
    public long MinCanaryRequests { get; init; } = 100;

    /// <summary>
    /// After this many canary requests without a Fail the judge passes: the canary was not shown worse
    /// (weaker than the non-inferiority Pass; see docs/analysis.md). Null: only non-inferiority passes.
    /// </summary>
    public long? MaxCanaryRequests { get; init; } = 1500;

    public override IReadOnlyList<OptionProblem> Validate() => Rules().ToList();

    /// <summary>The manifest keys both sequential judges read.</summary>
    private protected static OptionField<T>[] SharedFields<T>() where T : SequentialJudgeOptions =>
    [
        OptionFields.Fraction<T>("alpha", (o, v) => (T)(o with { Alpha = v })),
        OptionFields.Fraction<T>("beta", (o, v) => (T)(o with { Beta = v })),
        OptionFields.Fraction<T>("tolerance", (o, v) => (T)(o with { Tolerance = v })),
        OptionFields.Whole<T>("minCanaryRequests", (o, v) => (T)(o with { MinCanaryRequests = v!.Value })),
        OptionFields.Whole<T>("maxCanaryRequests", (o, v) => (T)(o with { MaxCanaryRequests = v }), orNone: true),
    ];

    private protected virtual OptionProblems Rules() => new OptionProblems()
        .Require(Alpha is > 0 and <= 0.5, "alpha", Alpha, "a probability in (0, 0.5], e.g. 0.005")
        .Require(Beta is > 0 and <= 0.5, "beta", Beta, "a probability in (0, 0.5], e.g. 0.05")
        .Require(Tolerance is > 0 and <= 100, "tolerance", Tolerance, "a relative margin in (0, 100], e.g. 1 for twice stable's rate")
        .Require(MinCanaryRequests >= 1, "minCanaryRequests", MinCanaryRequests, "at least 1")
        .Require(MaxCanaryRequests is null || MaxCanaryRequests >= MinCanaryRequests,
            "maxCanaryRequests", MaxCanaryRequests, $"none, or at least minCanaryRequests ({MinCanaryRequests})");
}
