using Greenlight.Core.Analysis;

namespace Greenlight.Core.Tests.Analysis;

public sealed class LatencyJudgeTests
{
    private static readonly Behaviour Same = new(0.01);

    [Fact]
    public void Judge_AaLookedAtEverySecond_RarelyFails()
    {
        var judge = Judges.Create(Judges.Latency, new LatencyJudgeOptions { Alpha = 0.05, MaxCanaryRequests = null });
        var fails = Enumerable.Range(0, 60)
            .Count(trial => new SimulatedTraffic(4_000 + trial, Same, Same, latency: true).RunUntilVerdict(judge, 300).Verdict == Verdict.Fail);

        Assert.InRange(fails, 0, 3);
    }

    [Fact]
    public void Judge_P99ShiftedBy30Percent_Fails()
    {
        var judge = Judges.Create(Judges.Latency);
        var outcomes = Enumerable.Range(0, 10)
            .Select(trial => new SimulatedTraffic(5_000 + trial, new Behaviour(0.01, 1.3), Same, latency: true).RunUntilVerdict(judge))
            .ToList();

        Assert.All(outcomes, o => Assert.Equal(Verdict.Fail, o.Verdict));
    }

    [Fact]
    public void Judge_IdenticalLatency_Passes()
    {
        var judge = Judges.Create(Judges.Latency);

        var (verdict, _, requests) = new SimulatedTraffic(6_000, Same, Same, latency: true).RunUntilVerdict(judge);

        Assert.Equal(Verdict.Pass, verdict);
        Assert.InRange(requests, 100, 1_600);
    }

    [Fact]
    public void Judge_Result_ReportsTheTailShares()
    {
        var traffic = new SimulatedTraffic(7_000, Same, Same, latency: true);
        for (var second = 0; second < 60; second++) traffic.Advance();

        var result = Judges.Create(Judges.Latency).Judge(traffic.Canary, traffic.Stable);

        Assert.Equal(0.01, result.Numbers["stable_rate"], 1e-9);
        Assert.InRange(result.Numbers["threshold_seconds"], 0.1, 0.25);
        Assert.Contains("slower than stable's p99", result.Summary);
        Assert.All(result.Numbers.Values, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Judge_MissingHistogram_IsInconclusiveAndSaysSo()
    {
        var result = Judges.Create(Judges.Latency).Judge(RevisionSample.Counts(5_000, 0), Histogram(100_000, 0));

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.StartsWith("canary latency histogram missing", result.Summary);
    }

    [Fact]
    public void Judge_MalformedHistogram_IsInconclusive()
    {
        var broken = new RevisionSample(null, null, new LatencyHistogram([0.1, 0.25], [5, 10]), null);

        var result = Judges.Create(Judges.Latency).Judge(Histogram(5_000, 0), broken);

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Contains("stable latency histogram unreadable", result.Summary);
    }

    [Theory]
    [InlineData(99, 100_000, "too little traffic")]
    [InlineData(5_000, 999, "too little stable traffic")]
    public void Judge_TooSmallHistogram_IsInconclusiveNeverPass(long canary, long stable, string expected)
    {
        var result = Judges.Create(Judges.Latency).Judge(Histogram(canary, 0), Histogram(stable, 0));

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Contains(expected, result.Summary);
    }

    [Fact]
    public void Judge_StableQuantileBeyondTheLargestBucket_IsInconclusive()
    {
        var result = Judges.Create(Judges.Latency).Judge(Histogram(5_000, 0), Histogram(100_000, 5_000));

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Contains("beyond the largest finite bucket (500 ms)", result.Summary);
    }

    /// <summary><paramref name="total"/> requests, <paramref name="beyond"/> of them slower than the largest bucket (0.5 s).</summary>
    private static RevisionSample Histogram(long total, long beyond) =>
        new(total, 0, new LatencyHistogram([0.1, 0.25, 0.5, double.PositiveInfinity], [(total - beyond) / 2, total - beyond, total - beyond, total]), null);
}
