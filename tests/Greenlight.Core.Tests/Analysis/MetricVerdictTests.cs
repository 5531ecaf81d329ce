using Greenlight.Core.Analysis;

namespace Greenlight.Core.Tests.Analysis;

/// <summary>Every judge's numbers reach the fields of its verdict, so scripts read numbers, not words.</summary>
public sealed class MetricVerdictTests
{
    [Fact]
    public void Of_ErrorRate_CarriesBothRevisionsCountsRatesEvidenceAndTheRatioItPassesBelow()
    {
        var result = Judges.Create(Judges.ErrorRate).Judge(RevisionSample.Counts(1_000, 50), RevisionSample.Counts(9_000, 90));

        var v = MetricVerdict.Of("error-rate", Judges.ErrorRate, result);

        Assert.Equal(("error-rate", "errorRate", Verdict.Fail), (v.Metric, v.Judge, v.Outcome));
        Assert.Equal(new RevisionFigures(1_000, Errors: 50, Rate: 0.05), v.Canary);
        Assert.Equal(new RevisionFigures(9_000, Errors: 90, Rate: 0.01), v.Stable);
        Assert.Equal(200, v.Evidence!.FailBound);
        Assert.True(v.Evidence.Fail >= v.Evidence.FailBound);
        Assert.Equal(20, v.Evidence.PassBound);
        Assert.Equal(new JudgeThreshold(MaxRatio: 2), v.Threshold);
        Assert.Equal($"error-rate Fail: {result.Summary}", v.Text);
    }

    [Fact]
    public void Of_Latency_CountsSlowRequestsAgainstStablesQuantileAndTheCanarysLine()
    {
        var judge = Judges.Create(Judges.Latency, new LatencyJudgeOptions { MaxWarmupRequests = 0, MinSlowdownMs = 0, MinSlowdown = 0 });

        var v = MetricVerdict.Of("latency", Judges.Latency, judge.Judge(Histogram(5_000), Histogram(100_000)));

        Assert.Equal(5_000, v.Canary!.Requests);
        Assert.NotNull(v.Canary.Slow);
        Assert.Null(v.Canary.Errors);
        Assert.Equal(100_000, v.Stable!.Requests);
        Assert.Equal("p99", v.Threshold!.Quantile);
        Assert.Equal(v.Threshold.StableMs, v.Threshold.LineMs); // no margin
        Assert.InRange(v.Threshold.StableMs!.Value, 250, 500);
        Assert.NotNull(v.Evidence);
    }

    [Fact]
    public void Of_Threshold_HasNoStableAndNoEvidenceButItsBounds()
    {
        var judge = Judges.Create(Judges.Threshold, new ThresholdJudgeOptions { MaxErrorRate = 0.01, MaxValue = 5, MinRequests = 0 });

        var v = MetricVerdict.Of("bounds", Judges.Threshold, judge.Judge(new RevisionSample(1_000, 5, null, 3), new RevisionSample(null, null, null, null)));

        Assert.Equal(Verdict.Pass, v.Outcome);
        Assert.Equal(new RevisionFigures(1_000, Rate: 0.005, Value: 3), v.Canary);
        Assert.Null(v.Stable);
        Assert.Null(v.Evidence);
        Assert.Equal(new JudgeThreshold(MaxErrorRate: 0.01, MaxValue: 5), v.Threshold);
    }

    [Fact]
    public void NoData_IsInconclusiveSayingWhy()
    {
        var v = MetricVerdict.NoData("error-rate", Judges.ErrorRate, "connection refused");

        Assert.Equal(Verdict.Inconclusive, v.Outcome);
        Assert.Equal("error-rate Inconclusive: no data yet (connection refused)", v.Text);
        Assert.Null(v.Canary);
    }

    private static RevisionSample Histogram(long total) =>
        new(total, 0, new LatencyHistogram([0.1, 0.25, 0.5, double.PositiveInfinity], [total / 2, total * 98 / 100, total, total]), null);
}
