using Greenlight.Core.Analysis;

namespace Greenlight.Core.Tests.Analysis;

public sealed class LatencyJudgeTests
{
    private static readonly Behaviour Same = new(0.01);

    /// <summary>The judge as it was before the warm-up and the margin: both off.</summary>
    private static readonly LatencyJudgeOptions Plain = new() { MaxWarmupRequests = 0, MinSlowdownMs = 0, MinSlowdown = 0, BurstCorrection = false };

    /// <summary>Twice as slow at its first look, the extra halving about every 14 s, as a JIT-compiled service starts.</summary>
    private static readonly Behaviour ColdStart = new(0.01, ColdExtra: 1.0, ColdSeconds: 20);

    [Fact]
    public void Judge_AaLookedAtEverySecond_RarelyFails()
    {
        var fails = Enumerable.Range(0, 60).Count(trial =>
            new SimulatedTraffic(4_000 + trial, Same, Same, latency: true)
                .RunUntilVerdict(Judges.Create(Judges.Latency, new LatencyJudgeOptions { Alpha = 0.05, MaxCanaryRequests = null }), 300).Verdict == Verdict.Fail);

        Assert.InRange(fails, 0, 3);
    }

    [Fact]
    public void Judge_P99ShiftedBy30Percent_Fails()
    {
        var outcomes = Enumerable.Range(0, 10)
            .Select(trial => new SimulatedTraffic(5_000 + trial, new Behaviour(0.01, 1.3), Same, latency: true).RunUntilVerdict(Judges.Create(Judges.Latency)))
            .ToList();

        Assert.All(outcomes, o => Assert.Equal(Verdict.Fail, o.Verdict));
    }

    [Fact]
    public void Judge_IdenticalLatency_Passes()
    {
        var (verdict, _, requests) = new SimulatedTraffic(6_000, Same, Same, latency: true).RunUntilVerdict(Judges.Create(Judges.Latency));

        Assert.Equal(Verdict.Pass, verdict);
        Assert.InRange(requests, 100, 2_600);
    }

    [Fact]
    public void Judge_ColdStartOfAHealthyCanary_FailsWithoutTheWarmUpAndPassesWithIt()
    {
        var seeds = Enumerable.Range(8_000, 20).ToList();

        var plainFails = seeds.Count(seed => new SimulatedTraffic(seed, ColdStart, Same, latency: true).RunUntilVerdict(Judges.Create(Judges.Latency, Plain)).Verdict == Verdict.Fail);
        var fails = seeds.Count(seed => new SimulatedTraffic(seed, ColdStart, Same, latency: true).RunUntilVerdict(Judges.Create(Judges.Latency)).Verdict == Verdict.Fail);

        Assert.InRange(plainFails, 10, 20);
        Assert.InRange(fails, 0, 1);
    }

    [Fact]
    public void Judge_WhileTheCanaryWarmsUp_IsInconclusiveAndSaysSo()
    {
        var traffic = new SimulatedTraffic(9_000, ColdStart, Same, latency: true);

        var result = traffic.Run(Judges.Create(Judges.Latency), 15);

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.StartsWith("warming up: ", result.Summary);
    }

    [Fact]
    public void Judge_AfterTheWarmUp_CountsFromItsEndAndSaysWhenItEnded()
    {
        var judge = Judges.Create(Judges.Latency, new LatencyJudgeOptions { MaxCanaryRequests = null });
        var traffic = new SimulatedTraffic(9_001, Same, Same, latency: true);

        var result = traffic.Run(judge, 120);

        var warmAt = result.Numbers["warmup_canary_requests"];
        Assert.InRange(warmAt, 100, 3_000);
        Assert.Equal(traffic.Canary.Requests!.Value - warmAt, result.Numbers["canary_requests"]);
        Assert.Matches(@"\((warm after \d+ canary requests: canary/stable median [\d.]+x then [\d.]+x, p90 [\d.]+x then [\d.]+x|warm-up ended at its maximum of 3000 canary requests)\)$", result.Summary);
    }

    [Fact]
    public void Judge_LatencyThatNeverSettles_EndsTheWarmUpAtItsMaximum()
    {
        var judge = Judges.Create(Judges.Latency, new LatencyJudgeOptions { WarmupTolerance = 0.0001, MaxWarmupRequests = 200 });
        var traffic = new SimulatedTraffic(9_002, Same, Same, latency: true);

        var result = traffic.Run(judge, 60);

        Assert.EndsWith("(warm-up ended at its maximum of 200 canary requests)", result.Summary);
        Assert.InRange(result.Numbers["warmup_canary_requests"], 200, 210);
    }

    [Fact]
    public void Judge_CanarySlowerByLessThanTheMargin_IsNotFailed()
    {
        var options = new LatencyJudgeOptions { Alpha = 0.05, MaxCanaryRequests = null, MaxWarmupRequests = 0, MinSlowdown = 0.15 };

        var fails = Enumerable.Range(0, 20).Count(trial =>
            new SimulatedTraffic(10_000 + trial, new Behaviour(0.01, 1.1), Same, latency: true, weight: 0.5)
                .RunUntilVerdict(Judges.Create(Judges.Latency, options), 200).Verdict == Verdict.Fail);
        var plainFails = Enumerable.Range(0, 20).Count(trial =>
            new SimulatedTraffic(10_000 + trial, new Behaviour(0.01, 1.1), Same, latency: true, weight: 0.5)
                .RunUntilVerdict(Judges.Create(Judges.Latency, Plain with { Alpha = 0.05, MaxCanaryRequests = null }), 200).Verdict == Verdict.Fail);

        Assert.Equal(0, fails);
        Assert.InRange(plainFails, 10, 20);
    }

    [Theory]
    [InlineData(5, 0.02, 0.005)]
    [InlineData(1, 0.10, 0)]
    public void Judge_Margin_IsTheLargerOfItsTwoParts(double minSlowdownMs, double minSlowdown, double extraSeconds)
    {
        var judge = Judges.Create(Judges.Latency, new LatencyJudgeOptions { MinSlowdownMs = minSlowdownMs, MinSlowdown = minSlowdown, MaxWarmupRequests = 0 });

        var result = new SimulatedTraffic(11_000, Same, Same, latency: true).Run(judge, 60);

        var threshold = result.Numbers["threshold_seconds"];
        var expected = extraSeconds > 0 ? threshold + extraSeconds : threshold * (1 + minSlowdown);
        Assert.Equal(expected, result.Numbers["canary_threshold_seconds"], 1e-12);
        Assert.Contains($"+ margin = {expected * 1000:0.#} ms", result.Summary);
    }

    [Fact]
    public void Judge_Result_ReportsTheTailShares()
    {
        var result = new SimulatedTraffic(7_000, Same, Same, latency: true).Run(Judges.Create(Judges.Latency, Plain), 60);

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
        var result = Judges.Create(Judges.Latency, Plain).Judge(Histogram(canary, 0), Histogram(stable, 0));

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Contains(expected, result.Summary);
    }

    [Fact]
    public void Judge_StableQuantileBeyondTheLargestBucket_IsInconclusive()
    {
        var result = Judges.Create(Judges.Latency, Plain).Judge(Histogram(5_000, 0), Histogram(100_000, 5_000));

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Contains("beyond the largest finite bucket (500 ms)", result.Summary);
    }

    [Fact]
    public void Judge_CountsThatGoBackwardsDuringTheWarmUp_StartItOver()
    {
        var judge = Judges.Create(Judges.Latency);
        judge.Judge(Histogram(5_000, 0), Histogram(100_000, 0));

        var result = judge.Judge(Histogram(4_000, 0), Histogram(100_000, 0));

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Contains("went backwards", result.Summary);
    }

    [Fact]
    public void Judge_SlowRequestsInBursts_WeighsThemAsBursts()
    {
        // 100 requests a look each: stable stalls at every 5th look (10 requests slow at once), the canary once, at look 21, longer.
        var (plain, corrected) = (Judges.Create(Judges.Latency, Plain), Judges.Create(Judges.Latency, Plain with { BurstCorrection = true }));
        long[] canary = new long[5], stable = new long[5];
        JudgeResult? plainResult = null, correctedResult = null;
        for (var look = 1; look <= 21; look++)
        {
            Serve(stable, 2, look % 5 == 0 ? 10 : 0);
            Serve(canary, 3, look == 21 ? 60 : 0);
            plainResult = plain.Judge(Bursty(canary), Bursty(stable));
            correctedResult = corrected.Judge(Bursty(canary), Bursty(stable));
        }

        Assert.Equal(Verdict.Fail, plainResult!.Verdict);
        Assert.NotEqual(Verdict.Fail, correctedResult!.Verdict);
        Assert.InRange(correctedResult.Numbers["dispersion"], 3, 30);
        Assert.Contains("slow requests come in bursts", correctedResult.Summary);
    }

    private static void Serve(long[] buckets, int slowBucket, int slow)
    {
        buckets[0] += 100 - slow;
        buckets[slowBucket] += slow;
    }

    private static RevisionSample Bursty(long[] buckets)
    {
        var cumulative = new long[buckets.Length];
        for (long i = 0, sum = 0; i < buckets.Length; i++) cumulative[i] = sum += buckets[i];
        return new RevisionSample(cumulative[^1], 0, new LatencyHistogram([0.01, 0.1, 1, 10, double.PositiveInfinity], cumulative), null);
    }

    /// <summary><paramref name="total"/> requests, <paramref name="beyond"/> of them slower than the largest bucket (0.5 s).</summary>
    private static RevisionSample Histogram(long total, long beyond) =>
        new(total, 0, new LatencyHistogram([0.1, 0.25, 0.5, double.PositiveInfinity], [(total - beyond) / 2, total - beyond, total - beyond, total]), null);
}
