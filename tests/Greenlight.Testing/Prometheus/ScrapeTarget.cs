namespace Greenlight.Testing.Prometheus;

/// <summary>An endpoint for <see cref="PrometheusServer"/> to scrape every second.</summary>
/// <param name="HostPort">E.g. <c>127.0.0.1:41234</c>.</param>
/// <param name="BearerTokenFile">
/// Sent as <c>Authorization: Bearer</c> when set, e.g. the edge's admin.token: the edge guards /metrics.
/// </param>
public sealed record ScrapeTarget(string HostPort, string? BearerTokenFile = null, string MetricsPath = "/metrics");
