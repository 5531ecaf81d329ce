namespace AnalysisBench;

/// <summary>
/// The known truth of the simulation: 100 requests a second, 5% routed to the canary at random (as sticky
/// users make it), a look every simulated second, at most 10 minutes of analysis. Latency is lognormal with a
/// 50 ms median and sigma 0.5 (p99 about 160 ms); a revision's scale multiplies every request's latency.
/// </summary>
internal static class World
{
    public const int RequestsPerSecond = 100;
    public const double CanaryWeight = 0.05;
    public const int MaxSeconds = 600;
    public const double MedianSeconds = 0.050;
    public const double Sigma = 0.5;
    public const double StableErrorRate = 0.01;

    /// <summary>The edge's histogram buckets (src/Greenlight.Edge/Metrics/EdgeMetrics.cs), +Inf last.</summary>
    private static readonly double[] EdgeBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, double.PositiveInfinity];

    /// <summary>Finer buckets around the tail (steps of 1.2-1.5x from 50 ms to 500 ms), to show what they buy.</summary>
    private static readonly double[] FineBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 10, 30, double.PositiveInfinity];

    /// <summary>BUCKETS=fine selects <see cref="FineBuckets"/>; anything else the edge's.</summary>
    public static readonly string BucketLayout = Environment.GetEnvironmentVariable("BUCKETS") == "fine" ? "fine" : "edge";

    public static readonly double[] Buckets = BucketLayout == "fine" ? FineBuckets : EdgeBuckets;
}

/// <summary>How one revision behaves: its error rate and how much slower than stable each request is.</summary>
internal sealed record Behaviour(double ErrorRate, double LatencyScale);

/// <summary>One benchmark scenario: the canary's behaviour, stable's being fixed.</summary>
internal sealed record Scenario(string Key, string Title, Behaviour Canary, int Trials)
{
    public static readonly Behaviour Stable = new(World.StableErrorRate, 1.0);
}
