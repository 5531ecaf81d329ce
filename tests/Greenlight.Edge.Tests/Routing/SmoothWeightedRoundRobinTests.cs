using Greenlight.Edge.Routing;

namespace Greenlight.Edge.Tests.Routing;

public sealed class SmoothWeightedRoundRobinTests
{
    [Fact]
    public void Next_NginxExample_ProducesNginxSequence()
    {
        // The sequence documented for nginx's upstream module: weights a=5, b=1, c=1.
        var picker = new SmoothWeightedRoundRobin([5, 1, 1]);

        var picks = string.Concat(Enumerable.Range(0, 14).Select(_ => "abc"[picker.Next()]));

        Assert.Equal("aabacaaaabacaa", picks);
    }

    [Fact]
    public void Next_OneToThree_SplitsExactlyAndSmoothly()
    {
        var picker = new SmoothWeightedRoundRobin([1, 3]);

        var picks = Enumerable.Range(0, 400).Select(_ => picker.Next()).ToArray();

        Assert.Equal(100, picks.Count(p => p == 0));
        Assert.All(picks.Chunk(4), window => Assert.Equal([1, 0, 1, 1], window));
    }

    [Fact]
    public void Next_ZeroWeight_NeverPicked()
    {
        var picker = new SmoothWeightedRoundRobin([0, 2, 0, 1]);

        var picks = Enumerable.Range(0, 300).Select(_ => picker.Next()).ToArray();

        Assert.Equal(200, picks.Count(p => p == 1));
        Assert.Equal(100, picks.Count(p => p == 3));
    }

    [Fact]
    public void Next_NoPositiveWeight_ReturnsMinusOne()
    {
        Assert.Equal(-1, new SmoothWeightedRoundRobin([0, 0]).Next());
        Assert.Equal(-1, new SmoothWeightedRoundRobin([]).Next());
    }

    [Fact]
    public void Next_PeriodTooLongToPrecompute_FollowsTheSameSequence()
    {
        // 4099 has no common divisor with 1, so the period is 5000 > MaxSchedule and the live path runs.
        int[] weights = [901, 4099];
        var live = new SmoothWeightedRoundRobin(weights);
        var scaledDown = Reference(weights, 5000);

        var picks = Enumerable.Range(0, 5000).Select(_ => live.Next()).ToArray();

        Assert.Equal(scaledDown, picks);
        Assert.Equal(901, picks.Count(p => p == 0));
    }

    [Fact]
    public void Next_CommonDivisor_SameSequenceAsReduced()
    {
        var scaled = new SmoothWeightedRoundRobin([20, 60]);
        var reduced = new SmoothWeightedRoundRobin([1, 3]);

        Assert.All(Enumerable.Range(0, 40), _ => Assert.Equal(reduced.Next(), scaled.Next()));
    }

    [Fact]
    public async Task Next_ConcurrentCallers_StillExact()
    {
        var picker = new SmoothWeightedRoundRobin([1, 3]);
        var counts = new int[2];

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++) Interlocked.Increment(ref counts[picker.Next()]);
        })));

        Assert.Equal([10_000, 30_000], counts);
    }

    /// <summary>The textbook algorithm, run step by step, to check the optimised picker against.</summary>
    private static int[] Reference(int[] weights, int steps)
    {
        var current = new long[weights.Length];
        var total = weights.Sum();
        var picks = new int[steps];
        for (var s = 0; s < steps; s++)
        {
            var best = -1;
            for (var i = 0; i < weights.Length; i++)
            {
                current[i] += weights[i];
                if (best < 0 || current[i] > current[best]) best = i;
            }

            current[best] -= total;
            picks[s] = best;
        }

        return picks;
    }
}
