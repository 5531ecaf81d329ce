using Greenlight.Core.Analysis.Sequential;

namespace Greenlight.Core.Analysis;

/// <summary>
/// <c>errorRate</c>: the canary's error rate against stable's with an always-valid sequential test
/// (<see cref="SequentialRateTest"/>), so looking every second does not inflate false rollbacks.
/// </summary>
internal sealed class ErrorRateJudge(ErrorRateJudgeOptions options) : IJudge
{
    private readonly SequentialRateTest _test = new(options);

    public string Name => Judges.ErrorRate;

    public JudgeResult Judge(RevisionSample canary, RevisionSample stable)
    {
        if ((Problem(canary, "canary") ?? Problem(stable, "stable")) is { } problem) return JudgeText.Inconclusive(problem);
        var counts = new RateCounts(canary.Requests!.Value, canary.Errors!.Value, stable.Requests!.Value, stable.Errors!.Value);
        if (counts.StableTrials == 0) return JudgeText.Inconclusive("stable served no requests yet: nothing to compare with");

        return _test.Judge(counts, "errors", canaryRate =>
            $"errors: canary {canaryRate} ({JudgeText.Count(counts.CanaryEvents)} of {JudgeText.Count(counts.CanaryTrials)}), "
            + $"stable {JudgeText.Percent(counts.StableRate)} ({JudgeText.Count(counts.StableEvents)} of {JudgeText.Count(counts.StableTrials)})");
    }

    // A missing count is never read as zero, and a count that went backwards (a counter reset) is not data.
    private static string? Problem(RevisionSample sample, string revision) => sample switch
    {
        { Requests: null } => JudgeText.Missing(revision, "request count"),
        { Errors: null } => JudgeText.Missing(revision, "error count"),
        { Requests: < 0 } or { Errors: < 0 } => $"{revision} counts went negative: a counter reset?",
        _ when sample.Errors > sample.Requests => $"{revision} reports more errors ({sample.Errors}) than requests ({sample.Requests})",
        _ => null,
    };
}
