using Greenlight.Core.Analysis;

namespace Greenlight.Core.Tests.Analysis;

public sealed class HistogramMathTests
{
    private static readonly LatencyHistogram Sample = new([0.1, 0.25, 0.5, double.PositiveInfinity], [10, 60, 90, 100]);

    [Theory]
    [InlineData(0.05, 0.05)]
    [InlineData(0.5, 0.22)]
    [InlineData(0.6, 0.25)]
    [InlineData(0.9, 0.5)]
    public void Quantile_InsideABucket_InterpolatesLikeHistogramQuantile(double q, double expected)
    {
        Assert.Equal(expected, Sample.Quantile(q)!.Value, 1e-12);
    }

    [Fact]
    public void Quantile_InTheInfBucketOrEmpty_IsNull()
    {
        Assert.Null(Sample.Quantile(0.99));
        Assert.Null(new LatencyHistogram([0.1, double.PositiveInfinity], [0, 0]).Quantile(0.5));
    }

    [Theory]
    [InlineData(0.22, 50)]
    [InlineData(0.25, 40)]
    [InlineData(0.05, 95)]
    [InlineData(0.75, 10)]
    public void CountAbove_AnyThreshold_InterpolatesInsideItsBucket(double seconds, double expected)
    {
        Assert.Equal(expected, HistogramMath.CountAbove(Sample, seconds), 1e-9);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.85)]
    public void CountAbove_AtTheQuantile_LeavesExactlyTheRestAbove(double q)
    {
        Assert.Equal((1 - q) * Sample.Count, HistogramMath.CountAbove(Sample, Sample.Quantile(q)!.Value), 1e-9);
    }

    [Theory]
    [InlineData(new[] { 0.1 }, new long[] { 5 }, "matching bounds")]
    [InlineData(new[] { 0.1, 0.5 }, new long[] { 5, 9 }, "+Inf")]
    [InlineData(new[] { 0.5, 0.1, double.PositiveInfinity }, new long[] { 1, 2, 3 }, "ascending")]
    [InlineData(new[] { 0.1, 0.5, double.PositiveInfinity }, new long[] { 5, 4, 9 }, "cumulative")]
    [InlineData(new[] { 0.1, 0.5, double.PositiveInfinity }, new long[] { 5, 9 }, "matching bounds")]
    public void Problem_MalformedHistogram_SaysWhat(double[] bounds, long[] counts, string expected)
    {
        Assert.Contains(expected, HistogramMath.Problem(new LatencyHistogram(bounds, counts)));
    }

    [Fact]
    public void Problem_WellFormedHistogram_IsNull()
    {
        Assert.Null(HistogramMath.Problem(Sample));
    }
}
