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

    /// <summary>The edge's histogram buckets, +Inf last: the judges see in the simulation what they see in production.</summary>
    public static readonly double[] Buckets = [.. Greenlight.Core.Analysis.LatencyBuckets.WithInfinity];
}

/// <summary>
/// How one revision behaves: its error rate and how much slower than stable each request is; a revision
/// that starts cold is <paramref name="ColdExtra"/> slower still at its start, the extra decaying with time
/// constant <paramref name="ColdSeconds"/>, as JIT compilation and cold caches do.
/// </summary>
internal sealed record Behaviour(double ErrorRate, double LatencyScale, double ColdExtra = 0, double ColdSeconds = 1)
{
    public double ScaleAt(int second) => LatencyScale * (1 + ColdExtra * Math.Exp(-second / ColdSeconds));
}

/// <summary>One benchmark scenario: the canary's behaviour, stable's being fixed.</summary>
internal sealed record Scenario(string Key, string Title, Behaviour Canary, int Trials)
{
    public static readonly Behaviour Stable = new(World.StableErrorRate, 1.0);
}
