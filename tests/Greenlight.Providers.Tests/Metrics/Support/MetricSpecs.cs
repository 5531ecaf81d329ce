using Greenlight.Core.Manifest;

namespace Greenlight.Providers.Tests.Metrics.Support;

/// <summary>Manifest metrics as the loader would build them; the judge is irrelevant to providers.</summary>
internal static class MetricSpecs
{
    public static MetricSpec Edge() => Metric(MetricProviderKind.Edge, null, null);

    public static MetricSpec Prometheus(Uri address, string? requests = null, string? errors = null, string? latency = null, string? value = null) =>
        Metric(MetricProviderKind.Prometheus, new PrometheusQuerySpec(address, requests, errors, latency, value), null);

    public static MetricSpec Http(string url, string? requests = null, string? errors = null, string? value = null) =>
        Metric(MetricProviderKind.Http, null, new HttpMetricSpec(url, requests, errors, value));

    private static MetricSpec Metric(MetricProviderKind kind, PrometheusQuerySpec? prometheus, HttpMetricSpec? http) =>
        new("test-metric", kind, prometheus, http, "threshold", new Dictionary<string, string>());
}
