using System.Globalization;
using System.Net;
using System.Text.Json;
using Greenlight.Core.Analysis;

namespace Greenlight.Providers.Metrics.Prometheus;

/// <summary>
/// The answer to one instant query, read as one number or as histogram buckets. Anything else (no
/// series, several where one was meant, NaN, a range vector) is refused, never turned into a zero.
/// </summary>
internal sealed class InstantResult
{
    private readonly string type;
    private readonly JsonElement result;
    private readonly string revision;

    private InstantResult(string type, JsonElement result, string revision)
    {
        this.type = type;
        this.result = result;
        this.revision = revision;
    }

    /// <exception cref="InvalidDataException">Prometheus reported an error, or this is not its API's answer.</exception>
    public static InstantResult From(HttpStatusCode status, JsonElement body, string revision)
    {
        var state = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("status", out var s) ? s.GetString() : null;
        if (state == "error")
        {
            throw new InvalidDataException($"{Text(body, "errorType")}: {Text(body, "error")}");
        }

        if (state == "success" && body.TryGetProperty("data", out var data)
            && data.TryGetProperty("resultType", out var type) && data.TryGetProperty("result", out var result))
        {
            return new InstantResult(type.GetString() ?? "", result, revision);
        }

        throw new InvalidDataException($"answered {JsonGet.Describe(status)}, not a Prometheus query result: {JsonGet.Excerpt(body.GetRawText())}");
    }

    /// <summary>A scalar, or the value of a vector's only series.</summary>
    public double Number()
    {
        if (type == "scalar")
        {
            return Value(result);
        }

        var series = Series();
        return series.Count == 1
            ? series[0].Value
            : throw new InvalidDataException(
                $"{series.Count} series where one was expected: {string.Join(", ", series.Select(x => x.Labels))}; aggregate them, e.g. with sum()");
    }

    /// <summary>Buckets of a vector with one series per <c>le</c> label, as from <c>sum by (le) (..._bucket{...})</c>.</summary>
    public LatencyHistogram Histogram()
    {
        var buckets = new SortedDictionary<double, Sample>();
        foreach (var series in Series())
        {
            if (!series.Metric.TryGetProperty("le", out var le))
            {
                throw new InvalidDataException($"series {series.Labels} has no le label; sum the _bucket series by (le)");
            }

            var bound = UpperBound(le.GetString());
            if (!buckets.TryAdd(bound, series))
            {
                throw new InvalidDataException($"several series for le=\"{le.GetString()}\": {buckets[bound].Labels}, {series.Labels}; sum them by (le)");
            }
        }

        if (!buckets.ContainsKey(double.PositiveInfinity))
        {
            throw new InvalidDataException("no le=\"+Inf\" bucket");
        }

        // Buckets summed over scrapes of slightly different moments can dip; a cumulative count cannot,
        // so take the running maximum, as Prometheus' histogram_quantile does.
        var counts = new List<long>(buckets.Count);
        foreach (var (bound, sample) in buckets)
        {
            counts.Add(Math.Max(counts.Count == 0 ? 0 : counts[^1], Counts.FromNumber(sample.Value, $"bucket le={bound}")));
        }

        return new LatencyHistogram([.. buckets.Keys], counts);
    }

    private List<Sample> Series()
    {
        if (type != "vector")
        {
            throw new InvalidDataException($"the query gave a {type}; an instant vector or a scalar is expected");
        }

        var series = result.EnumerateArray()
            .Select(item => new Sample(item.GetProperty("metric"), Labels(item.GetProperty("metric")), Value(item.GetProperty("value"))))
            .ToList();
        return series.Count > 0 ? series : throw new InvalidDataException($"no data for revision {revision} (no series matched)");
    }

    /// <summary>A sample is <c>[time, "value"]</c>; the value is a string so that NaN and ±Inf survive JSON.</summary>
    private static double Value(JsonElement sample)
    {
        var text = sample[1].GetString();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new InvalidDataException($"the value is {text}, not a finite number");
    }

    private static double UpperBound(string? le) =>
        le == "+Inf" ? double.PositiveInfinity
        : double.TryParse(le, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound) ? bound
        : throw new InvalidDataException($"le=\"{le}\" is not a bucket bound");

    private static string Labels(JsonElement metric) =>
        "{" + string.Join(",", metric.EnumerateObject().Select(label => $"{label.Name}=\"{label.Value.GetString()}\"")) + "}";

    private static string Text(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) ? value.GetString() ?? "" : "";

    private sealed record Sample(JsonElement Metric, string Labels, double Value);
}
