using System.Collections.ObjectModel;

namespace Greenlight.Core.Analysis;

/// <summary>
/// The upper bounds (seconds) of the edge's latency histograms, on /metrics and in the copy the judges
/// read; bench/analysis simulates with the same ones. A latency judge compares tails, and inside a bucket it can only
/// interpolate: between 1 ms and 1 s the bounds step by 1.2-1.5x (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 per
/// decade); in bench/analysis that cut the median time to catch a +30% p99 from 160 s (2-2.5x steps) to
/// 66 s. Below 1 ms a few bounds show the edge's own overhead; beyond 1 s coarse ones up to 10 s.
/// </summary>
public static class LatencyBuckets
{
    /// <summary>Finite bounds, ascending (Prometheus adds +Inf itself).</summary>
    public static readonly double[] Finite =
    [
        0.0001, 0.00025, 0.0005,
        0.001, 0.0015, 0.002, 0.0025, 0.003, 0.004, 0.005, 0.006, 0.008,
        0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.08,
        0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8,
        1, 1.5, 2, 3, 5, 10,
    ];

    /// <summary>The bounds of a <see cref="LatencyHistogram"/>: <see cref="Finite"/> then +Inf, shared read-only by every snapshot.</summary>
    public static readonly ReadOnlyCollection<double> WithInfinity = Array.AsReadOnly([.. Finite, double.PositiveInfinity]);
}
