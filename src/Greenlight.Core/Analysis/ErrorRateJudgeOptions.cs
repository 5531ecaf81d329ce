namespace Greenlight.Core.Analysis;

/// <summary>Options of the <c>errorRate</c> judge: the canary's error rate against stable's, sequentially.</summary>
public sealed record ErrorRateJudgeOptions : SequentialJudgeOptions
{
    internal static IReadOnlyList<OptionField<ErrorRateJudgeOptions>> Fields { get; } = SharedFields<ErrorRateJudgeOptions>();
}
