using System.Globalization;
using System.Text;
using Greenlight.Core.Analysis;
using Greenlight.Core.Manifest;

namespace Greenlight.Providers.Metrics.Prometheus;

/// <summary>
/// The <c>prometheus</c> provider: one instant query per configured part of the sample, over the HTTP
/// API (<c>GET /api/v1/query</c>), with <c>{{app}}</c> and <c>{{revision}}</c> filled in. The
/// placeholders belong inside double-quoted PromQL strings, e.g. <c>revision="{{revision}}"</c>.
/// Past moments are instant queries with <c>time</c> set: the same numbers as Prometheus stored them then.
/// </summary>
internal sealed class PrometheusMetricProvider : IMetricProvider, IMetricHistory
{
    private readonly PrometheusQuerySpec spec;
    private readonly HttpClient http;
    private readonly Uri endpoint;

    public PrometheusMetricProvider(PrometheusQuerySpec spec, HttpClient http)
    {
        if (spec.Requests is null && spec.Errors is null && spec.Latency is null && spec.Value is null)
        {
            throw new ArgumentException($"prometheus at {spec.Address}: no query given (requests, errors, latency or value)", nameof(spec));
        }

        this.spec = spec;
        this.http = http;
        // The trailing slash keeps a path prefix (http://host/prometheus) when the API path is appended.
        endpoint = new Uri(new Uri(spec.Address.AbsoluteUri.TrimEnd('/') + "/"), "api/v1/query");
    }

    public string Name => "prometheus";

    public Task<RevisionSample> MeasureAsync(string app, string revision, CancellationToken cancellationToken) =>
        MeasureAsync(app, revision, null, cancellationToken);

    public Task<RevisionSample> MeasureAtAsync(string app, string revision, DateTimeOffset at, CancellationToken cancellationToken) =>
        MeasureAsync(app, revision, at, cancellationToken);

    /// <param name="at">When the numbers are read as of; null: now, as Prometheus has them.</param>
    private async Task<RevisionSample> MeasureAsync(string app, string revision, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var query = new Query(app, revision, at);
        // Independent queries side by side: a look costs one round trip, not four.
        var requests = QueryAsync("requests", spec.Requests, query, result => (long?)Counts.FromNumber(result.Number(), "the value"), cancellationToken);
        var errors = QueryAsync("errors", spec.Errors, query, result => (long?)Counts.FromNumber(result.Number(), "the value"), cancellationToken);
        var latency = QueryAsync("latency", spec.Latency, query, result => result.Histogram(), cancellationToken);
        var value = QueryAsync("value", spec.Value, query, result => (double?)result.Number(), cancellationToken);
        await Task.WhenAll(requests, errors, latency, value);
        return new RevisionSample(await requests, await errors, await latency, await value);
    }

    /// <summary>Null when the metric has no such query; <typeparamref name="T"/> is a nullable type.</summary>
    private Task<T> QueryAsync<T>(string part, string? template, Query query, Func<InstantResult, T> read, CancellationToken cancellationToken)
    {
        if (template is null)
        {
            return Task.FromResult(default(T)!);
        }

        var (app, revision, at) = query;
        var promql = Placeholders.Fill(template, app, revision, EscapeString);
        var time = at is { } moment ? string.Create(CultureInfo.InvariantCulture, $"&time={moment.ToUnixTimeMilliseconds() / 1000.0:0.###}") : "";
        var url = new Uri(endpoint, string.Create(CultureInfo.InvariantCulture,
            $"?query={Uri.EscapeDataString(promql)}&timeout={BoundedCall.Limit.TotalSeconds:0}s{time}"));
        var asOf = at is { } then ? " at " + then.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) : "";
        return BoundedCall.RunAsync($"prometheus at {spec.Address}, {part} query {promql}{asOf}", async ct =>
        {
            var (status, body) = await JsonGet.GetAsync(http, url, ct);
            return read(InstantResult.From(status, body, revision));
        }, cancellationToken);
    }

    private sealed record Query(string App, string Revision, DateTimeOffset? At);

    /// <summary>Escapes a value for a double-quoted PromQL string (Go's escapes).</summary>
    private static string EscapeString(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '\\' => @"\\",
                '"' => "\\\"",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
