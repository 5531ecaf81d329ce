namespace Greenlight.Core.Manifest;

/// <summary>
/// How canary analysis measures and judges. Each metric names a provider (where numbers come from)
/// and a judge (how canary and stable are compared).
/// </summary>
/// <param name="Interval">Time between two looks; the judges stay valid when looking every second.</param>
/// <param name="MaxProviderErrors">Consecutive provider failures after which the analysis fails safe (rollback).</param>
public sealed record AnalysisSpec(TimeSpan Interval, int MaxProviderErrors, IReadOnlyList<MetricSpec> Metrics)
{
    /// <summary>Traffic the canary serves during this first part of an analysis is not judged by any metric. The
    /// latency judge needs none: it waits for the canary's latency to stop drifting by itself (LatencyWarmup).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.Zero;

    /// <summary>When the manifest has no <c>analysis</c>: the edge's own error rate and latency, judged sequentially.</summary>
    public static AnalysisSpec Default { get; } = new(TimeSpan.FromSeconds(1), 3,
    [
        new MetricSpec("error-rate", MetricProviderKind.Edge, null, null, "errorRate", new Dictionary<string, string>()),
        new MetricSpec("latency", MetricProviderKind.Edge, null, null, "latency", new Dictionary<string, string>()),
    ]);
}

public enum MetricProviderKind { Edge, Prometheus, Http }

/// <param name="JudgeOptions">Options of the judge as written (validated when the manifest loads).</param>
public sealed record MetricSpec(
    string Name,
    MetricProviderKind Provider,
    PrometheusQuerySpec? Prometheus,
    HttpMetricSpec? Http,
    string Judge,
    IReadOnlyDictionary<string, string> JudgeOptions);

/// <summary>
/// PromQL instant queries against <paramref name="Address"/>; <c>{{app}}</c> and <c>{{revision}}</c> are
/// replaced before each query. Requests/Errors are counters, Latency a histogram's buckets summed by <c>le</c>.
/// </summary>
public sealed record PrometheusQuerySpec(Uri Address, string? Requests, string? Errors, string? Latency, string? Value);

/// <summary>A JSON endpoint (<c>{{app}}</c>, <c>{{revision}}</c> replaced in the URL) read with JSON paths.</summary>
public sealed record HttpMetricSpec(string Url, string? Requests, string? Errors, string? Value);
