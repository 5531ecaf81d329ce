using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary>
/// The settings of the metric providers that read an outside source: Prometheus and a JSON endpoint. Each reader
/// returns null when a setting was reported wrong, so that the judge is not also told its data is missing.
/// </summary>
internal static class MetricSourceSection
{
    public static PrometheusQuerySpec? ReadPrometheus(NodeReader r)
    {
        var address = r.Required("address", ManifestValues.HttpUrl);
        var queries = AtLeastOne(r, ManifestValues.MetricQuery, "requests", "errors", "latency", "value");
        return address is null || queries is null ? null : new PrometheusQuerySpec(address, queries[0], queries[1], queries[2], queries[3]);
    }

    public static HttpMetricSpec? ReadHttp(NodeReader r)
    {
        var url = r.Required("url", ManifestValues.MetricUrl);
        var paths = AtLeastOne(r, ManifestValues.JsonPathText, "requests", "errors", "value");
        return url is null || paths is null ? null : new HttpMetricSpec(url, paths[0], paths[1], paths[2]);
    }

    /// <summary>
    /// Optional keys of which one at least must be given, since a source that reads nothing measures nothing.
    /// A key written without a value is an error, not an absent key: it was surely meant to measure something.
    /// </summary>
    /// <returns>The values in the order of <paramref name="keys"/>, or null when one was reported wrong.</returns>
    private static string?[]? AtLeastOne(NodeReader r, Scalar<string> kind, params string[] keys)
    {
        var values = keys.Select(key => r.Has(key) ? r.Required(key, kind) : null).ToArray();
        if (!keys.Any(r.Has))
        {
            r.ReportHere("found nothing to measure", "at least one of " + string.Join(", ", keys));
            return null;
        }

        return keys.Where((key, i) => r.Has(key) && values[i] is null).Any() ? null : values;
    }
}
