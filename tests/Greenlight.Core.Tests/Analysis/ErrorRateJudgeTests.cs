using Greenlight.Core.Analysis;

namespace Greenlight.Core.Tests.Analysis;

public sealed class ErrorRateJudgeTests
{
    private static readonly Behaviour OnePercent = new(0.01);

    [Fact]
    public void Judge_AaLookedAtEverySecond_FalseFailRateStaysBelowAlpha()
    {
        // A loose alpha makes false alarms frequent enough to count: 300 trials of 10 minutes, 600 looks each.
        var judge = Judges.Create(Judges.ErrorRate, new ErrorRateJudgeOptions { Alpha = 0.05, MinCanaryRequests = 1, MaxCanaryRequests = null });
        var fails = 0;
        for (var trial = 0; trial < 300; trial++)
        {
            var traffic = new SimulatedTraffic(1_000 + trial, OnePercent, OnePercent);
            if (traffic.RunUntilVerdict(judge).Verdict == Verdict.Fail) fails++;
        }

        Assert.InRange(fails / 300.0, 0, 0.04);
    }

    [Fact]
    public void Judge_ErrorsRiseFrom1To5Percent_FailsWithin400CanaryRequests()
    {
        var judge = Judges.Create(Judges.ErrorRate);
        var outcomes = Enumerable.Range(0, 41)
            .Select(trial => new SimulatedTraffic(2_000 + trial, new Behaviour(0.05), OnePercent).RunUntilVerdict(judge))
            .ToList();

        Assert.All(outcomes, o => Assert.Equal(Verdict.Fail, o.Verdict));
        Assert.InRange(outcomes.Select(o => o.CanaryRequests).Order().ElementAt(20), 100, 400);
    }

    [Fact]
    public void Judge_ClearlyBetterCanary_PassesByNonInferiority()
    {
        var judge = Judges.Create(Judges.ErrorRate, new ErrorRateJudgeOptions { MaxCanaryRequests = null });
        var traffic = new SimulatedTraffic(3_000, new Behaviour(0.001), new Behaviour(0.03));

        var (verdict, _, _) = traffic.RunUntilVerdict(judge);

        Assert.Equal(Verdict.Pass, verdict);
        Assert.Contains("within 2x stable", judge.Judge(traffic.Canary, traffic.Stable).Summary);
    }

    [Fact]
    public void Judge_TooLittleTraffic_IsInconclusiveNeverPass()
    {
        // A spotless canary against a failing stable would pass at once with enough traffic.
        var result = Judges.Create(Judges.ErrorRate).Judge(RevisionSample.Counts(99, 0), RevisionSample.Counts(1_000_000, 300_000));

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Contains("too little traffic: 99 of the 100", result.Summary);
    }

    [Fact]
    public void Judge_MaximumSampleWithoutFail_Passes()
    {
        var judge = Judges.Create(Judges.ErrorRate, new ErrorRateJudgeOptions { MaxCanaryRequests = 1_500 });

        var below = judge.Judge(RevisionSample.Counts(1_499, 7), RevisionSample.Counts(28_000, 140));
        var at = judge.Judge(RevisionSample.Counts(1_500, 7), RevisionSample.Counts(28_000, 140));

        Assert.Equal(Verdict.Inconclusive, below.Verdict);
        Assert.Equal(Verdict.Pass, at.Verdict);
        Assert.Contains("maximum sample", at.Summary);
    }

    [Theory]
    [InlineData(null, 3L, 1000L, 10L, "canary request count missing")]
    [InlineData(500L, null, 1000L, 10L, "canary error count missing")]
    [InlineData(500L, 3L, null, 10L, "stable request count missing")]
    [InlineData(500L, 3L, 1000L, null, "stable error count missing")]
    public void Judge_MissingCount_IsInconclusiveAndSaysSo(long? canaryRequests, long? canaryErrors, long? stableRequests, long? stableErrors, string expected)
    {
        var result = Judges.Create(Judges.ErrorRate).Judge(
            new RevisionSample(canaryRequests, canaryErrors, null, null), new RevisionSample(stableRequests, stableErrors, null, null));

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.StartsWith(expected, result.Summary);
    }

    [Theory]
    [InlineData(500L, 501L, 1000L, 10L, "more errors")]
    [InlineData(-5L, 0L, 1000L, 10L, "negative")]
    [InlineData(500L, 3L, 0L, 0L, "stable served no requests")]
    public void Judge_UnusableCounts_IsInconclusive(long canaryRequests, long canaryErrors, long stableRequests, long stableErrors, string expected)
    {
        var result = Judges.Create(Judges.ErrorRate).Judge(
            RevisionSample.Counts(canaryRequests, canaryErrors), RevisionSample.Counts(stableRequests, stableErrors));

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Contains(expected, result.Summary);
    }

    [Fact]
    public void Judge_OverwhelmingEvidence_ReportsFiniteNumbers()
    {
        var result = Judges.Create(Judges.ErrorRate).Judge(RevisionSample.Counts(10_000_000, 5_000_000), RevisionSample.Counts(190_000_000, 1_900_000));

        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.All(result.Numbers.Values, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(200, result.Numbers["bound"]);
        Assert.Equal(0.5, result.Numbers["canary_rate"]);
        Assert.Equal(0.01, result.Numbers["stable_rate"]);
        Assert.Equal(
            ["bound", "canary_errors", "canary_rate", "canary_requests", "pass_bound", "pass_statistic", "stable_errors", "stable_rate", "stable_requests", "statistic", "tolerance"],
            result.Numbers.Keys.Order());
    }
}
