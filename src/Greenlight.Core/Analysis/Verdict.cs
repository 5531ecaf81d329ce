namespace Greenlight.Core.Analysis;

public enum Verdict
{
    /// <summary>Not enough evidence either way yet (too little traffic is always this, never Pass).</summary>
    Inconclusive,
    /// <summary>The canary is shown not to be worse than stable by more than the tolerance.</summary>
    Pass,
    /// <summary>The canary is shown to be worse: roll back.</summary>
    Fail,
}

/// <summary>A judge's verdict with the numbers behind it, for the event log and `greenlight status`.</summary>
/// <param name="Numbers">E.g. canary_requests, canary_rate, stable_rate, statistic, bound; <see cref="MetricVerdict.Of"/> turns
/// them into the fields users and scripts read, so a key added here is added there too.</param>
public sealed record JudgeResult(Verdict Verdict, string Summary, IReadOnlyDictionary<string, double> Numbers);
