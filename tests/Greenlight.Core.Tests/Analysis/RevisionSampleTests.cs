using Greenlight.Core.Analysis;

namespace Greenlight.Core.Tests.Analysis;

public sealed class RevisionSampleTests
{
    private static readonly double[] Bounds = [0.1, 0.25, double.PositiveInfinity];

    [Fact]
    public void Since_AnEarlierMeasurement_GivesWhatHappenedInBetween()
    {
        var then = new RevisionSample(100, 2, new LatencyHistogram(Bounds, [50, 90, 100]), 7);
        var now = new RevisionSample(250, 5, new LatencyHistogram(Bounds, [120, 230, 250]), 9);

        var since = now.Since(then);

        Assert.Equal((150L, 3L, 9.0), (since.Requests!.Value, since.Errors!.Value, since.Value!.Value));
        Assert.Equal([70L, 140L, 150L], since.Latency!.CumulativeCounts);
    }

    [Fact]
    public void Since_CountersThatWentDown_AreMissingNotNegative()
    {
        var then = new RevisionSample(100, 2, new LatencyHistogram(Bounds, [50, 90, 100]), null);
        var now = new RevisionSample(40, 1, new LatencyHistogram(Bounds, [20, 35, 40]), null);

        var since = now.Since(then);

        Assert.Null(since.Requests);
        Assert.Null(since.Errors);
        Assert.Null(since.Latency);
    }

    [Fact]
    public void Since_HistogramsWithOtherBounds_AreMissing() =>
        Assert.Null(new LatencyHistogram(Bounds, [1, 2, 3]).Since(new LatencyHistogram([0.5, 1, double.PositiveInfinity], [0, 0, 0])));
}
