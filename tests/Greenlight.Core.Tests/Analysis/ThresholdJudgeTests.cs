using Greenlight.Core.Analysis;

namespace Greenlight.Core.Tests.Analysis;

public sealed class ThresholdJudgeTests
{
    private static readonly RevisionSample Unused = new(null, null, null, null);

    [Theory]
    [InlineData(10, Verdict.Pass)]
    [InlineData(11, Verdict.Fail)]
    public void Judge_ErrorRateAtAndAboveTheBound_PassesThenFails(long errors, Verdict expected)
    {
        var judge = Judges.Create(Judges.Threshold, new ThresholdJudgeOptions { MaxErrorRate = 0.01 });

        var result = judge.Judge(RevisionSample.Counts(1_000, errors), Unused);

        Assert.Equal(expected, result.Verdict);
        Assert.Equal(errors / 1000.0, result.Numbers["canary_rate"]);
    }

    [Theory]
    [InlineData(220, Verdict.Pass)]
    [InlineData(219.9, Verdict.Fail)]
    public void Judge_P99AgainstTheBound_ComparesTheInterpolatedQuantile(double maxMs, Verdict expected)
    {
        // 1,000 requests, 600 of them up to 250 ms: the median interpolates to 220 ms.
        var judge = Judges.Create(Judges.Threshold, new ThresholdJudgeOptions { MaxLatencyMs = maxMs, Quantile = 0.5 });

        var result = judge.Judge(Latency(100, 600, 900, 1_000), Unused);

        Assert.Equal(expected, result.Verdict);
        Assert.Equal(220, result.Numbers["latency_ms"], 1e-9);
    }

    [Theory]
    [InlineData(400, Verdict.Fail)]
    [InlineData(600, Verdict.Inconclusive)]
    public void Judge_P99BeyondTheLargestBucket_FailsOnlyWhenTheBoundIsBelowIt(double maxMs, Verdict expected)
    {
        var judge = Judges.Create(Judges.Threshold, new ThresholdJudgeOptions { MaxLatencyMs = maxMs });

        Assert.Equal(expected, judge.Judge(Latency(100, 600, 900, 1_000), Unused).Verdict);
    }

    [Theory]
    [InlineData(5.0, Verdict.Pass)]
    [InlineData(10.0, Verdict.Pass)]
    [InlineData(10.001, Verdict.Fail)]
    [InlineData(4.999, Verdict.Fail)]
    public void Judge_ValueAgainstItsRange_IncludesTheBounds(double value, Verdict expected)
    {
        var judge = Judges.Create(Judges.Threshold, new ThresholdJudgeOptions { MinValue = 5, MaxValue = 10, MinRequests = 0 });

        Assert.Equal(expected, judge.Judge(new RevisionSample(null, null, null, value), Unused).Verdict);
    }

    [Fact]
    public void Judge_TooLittleTraffic_IsInconclusiveNeverPass()
    {
        var judge = Judges.Create(Judges.Threshold, new ThresholdJudgeOptions { MaxErrorRate = 0.01 });

        var result = judge.Judge(RevisionSample.Counts(99, 0), Unused);

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Contains("too little traffic: 99 of the 100", result.Summary);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(null)]
    public void Judge_MissingOrNaNValue_IsInconclusive(double? value)
    {
        var judge = Judges.Create(Judges.Threshold, new ThresholdJudgeOptions { MaxValue = 1 });

        var result = judge.Judge(new RevisionSample(500, 0, null, value), Unused);

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.StartsWith("canary value missing", result.Summary);
    }

    [Fact]
    public void Judge_ValueWithoutARequestCount_NeedsMinRequestsZero()
    {
        var judge = Judges.Create(Judges.Threshold, new ThresholdJudgeOptions { MaxValue = 1 });

        var result = judge.Judge(new RevisionSample(null, null, null, 0.5), Unused);

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.StartsWith("canary request count missing", result.Summary);
    }

    [Fact]
    public void Judge_MissingErrorCount_IsInconclusiveNotZero()
    {
        var judge = Judges.Create(Judges.Threshold, new ThresholdJudgeOptions { MaxErrorRate = 0.01 });

        Assert.Equal(Verdict.Inconclusive, judge.Judge(new RevisionSample(1_000, null, null, null), Unused).Verdict);
    }

    [Fact]
    public void Judge_SeveralBoundsOneBroken_FailsNamingIt()
    {
        var judge = Judges.Create(Judges.Threshold, new ThresholdJudgeOptions { MaxErrorRate = 0.05, MaxValue = 1 });

        var result = judge.Judge(new RevisionSample(1_000, 10, null, 2), Unused);

        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal("out of bounds: value 2 (range -inf to 1)", result.Summary);
    }

    private static RevisionSample Latency(params long[] cumulative) =>
        new(cumulative[^1], 0, new LatencyHistogram([0.1, 0.25, 0.5, double.PositiveInfinity], cumulative), null);
}
