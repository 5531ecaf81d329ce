using System.Globalization;

namespace Greenlight.Core.Analysis.Sequential;

/// <summary>
/// Two one-sided always-valid tests run side by side on the same counts (one mixture core, two nulls):
/// Fail once the evidence that the canary's rate exceeds stable's reaches 1/alpha; Pass once the evidence
/// that it is below (1 + tolerance) times stable's reaches 1/beta (sequential non-inferiority), or, as a
/// truncated sequential test does (Wald 1947), once the maximum sample passed without a Fail.
/// Each test keeps its error bound by itself, so running both, and looking at any time, keeps both bounds.
/// </summary>
internal sealed class SequentialRateTest(SequentialJudgeOptions options)
{
    private readonly double _logFailBound = Math.Log(1 / options.Alpha);
    private readonly double _logPassBound = Math.Log(1 / options.Beta);

    public double FailBound => 1 / options.Alpha;

    public double PassBound => 1 / options.Beta;

    /// <summary>Decides on <paramref name="counts"/> and words the verdict the same way for every judge built on this test.</summary>
    /// <param name="events">What is counted, as in the number keys: <c>errors</c> or <c>slow</c>.</param>
    /// <param name="describe">The summary after the decision's reason, given the canary's share as text.</param>
    public JudgeResult Judge(RateCounts counts, string events, Func<string, string> describe, params (string Key, double Value)[] extra)
    {
        var decision = Decide(counts);
        var numbers = new Dictionary<string, double>
        {
            ["canary_requests"] = counts.CanaryTrials,
            [$"canary_{events}"] = counts.CanaryEvents,
            ["stable_requests"] = counts.StableTrials,
            [$"stable_{events}"] = counts.StableEvents,
            ["stable_rate"] = counts.StableRate,
            ["statistic"] = decision.FailEvidence,
            ["bound"] = FailBound,
            ["pass_statistic"] = decision.PassEvidence,
            ["pass_bound"] = PassBound,
            ["tolerance"] = options.Tolerance,
        };
        foreach (var (key, value) in extra)
            numbers[key] = value;
        if (counts.CanaryTrials > 0)
            numbers["canary_rate"] = counts.CanaryRate;
        return new JudgeResult(decision.Verdict, $"{decision.Reason}; {describe(counts.CanaryTrials > 0 ? JudgeText.Percent(counts.CanaryRate) : "no requests")}", numbers);
    }

    public RateDecision Decide(RateCounts counts)
    {
        if (counts.CanaryTrials < options.MinCanaryRequests)
        {
            return new RateDecision(Verdict.Inconclusive,
                $"too little traffic: {Count(counts.CanaryTrials)} of the {options.MinCanaryRequests} canary requests needed", 1, 1);
        }

        var share0 = counts.NullShare;
        var (canaryEvents, events) = (counts.CanaryEvents / counts.Dispersion, counts.Events / counts.Dispersion);
        var worse = ConditionalMixture.LogEvidenceAbove(canaryEvents, events, share0, share0);
        var tolerated = ConditionalMixture.ShareAtRatio(1 + options.Tolerance, share0);
        var notWorse = ConditionalMixture.LogEvidenceBelow(canaryEvents, events, tolerated, share0);
        var failEvidence = Evidence(worse);
        var passEvidence = Evidence(notWorse);

        if (worse >= _logFailBound)
            return new RateDecision(Verdict.Fail, $"canary worse than stable (evidence {Format(failEvidence)} >= {Format(FailBound)})", failEvidence, passEvidence);
        if (notWorse >= _logPassBound)
        {
            return new RateDecision(Verdict.Pass,
                $"canary within {Format(1 + options.Tolerance)}x stable (evidence {Format(passEvidence)} >= {Format(PassBound)})", failEvidence, passEvidence);
        }

        if (options.MaxCanaryRequests is { } max && counts.CanaryTrials >= max)
            return new RateDecision(Verdict.Pass, $"not shown worse after {Count(counts.CanaryTrials)} canary requests (maximum sample)", failEvidence, passEvidence);
        return new RateDecision(Verdict.Inconclusive, $"no verdict yet (evidence {Format(failEvidence)} of {Format(FailBound)} to fail)", failEvidence, passEvidence);
    }

    // The event log and status serialize these numbers as JSON, which has no infinity: e^700 is proof enough.
    private static double Evidence(double log) => Math.Exp(Math.Min(log, 700));

    private static string Count(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
