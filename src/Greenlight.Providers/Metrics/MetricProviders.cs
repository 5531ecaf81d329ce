using Greenlight.Core.Analysis;
using Greenlight.Core.Manifest;
using Greenlight.Core.Traffic;
using Greenlight.Providers.Metrics.Edge;
using Greenlight.Providers.Metrics.Http;
using Greenlight.Providers.Metrics.Prometheus;

namespace Greenlight.Providers.Metrics;

/// <summary>The built-in metric providers, keyed by the provider kind a manifest metric names.</summary>
public static class MetricProviders
{
    private static readonly Dictionary<MetricProviderKind, Func<MetricSpec, ITrafficRouter, HttpClient, IMetricProvider>> Factories = new()
    {
        [MetricProviderKind.Edge] = (_, router, _) => new EdgeMetricProvider(router),
        [MetricProviderKind.Prometheus] = (spec, _, http) => new PrometheusMetricProvider(Settings(spec, spec.Prometheus), http),
        [MetricProviderKind.Http] = (spec, _, http) => new HttpMetricProvider(Settings(spec, spec.Http), http),
    };

    /// <summary>The provider of one manifest metric, built with that metric's settings.</summary>
    /// <param name="router">Where the <c>edge</c> provider reads its counters.</param>
    /// <param name="http">Shared client of the <c>prometheus</c> and <c>http</c> providers; each request is bounded by the provider.</param>
    /// <exception cref="ArgumentException">The metric lacks its provider's settings or they are unusable.</exception>
    public static IMetricProvider Create(MetricSpec spec, ITrafficRouter router, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Factories.TryGetValue(spec.Provider, out var create)
            ? create(spec, router, http)
            : throw new ArgumentException($"metric '{spec.Name}': no metric provider of kind {spec.Provider}", nameof(spec));
    }

    private static T Settings<T>(MetricSpec spec, T? settings) where T : class =>
        settings ?? throw new ArgumentException(
            $"metric '{spec.Name}' uses the {spec.Provider.ToString().ToLowerInvariant()} provider but has no {spec.Provider.ToString().ToLowerInvariant()} settings",
            nameof(spec));
}
