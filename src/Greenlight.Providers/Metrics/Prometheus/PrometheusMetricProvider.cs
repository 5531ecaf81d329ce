using System.Globalization;
using System.Text;
using Greenlight.Core.Analysis;
using Greenlight.Core.Manifest;

namespace Greenlight.Providers.Metrics.Prometheus;

/// <summary>
/// The <c>prometheus</c> provider: one instant query per configured part of the sample, over the HTTP
/// API (<c>GET /api/v1/query</c>), with <c>{{app}}</c> and <c>{{revision}}</c> filled in. The
/// placeholders belong inside double-quoted PromQL strings, e.g. <c>revision="{{revision}}"</c>.
/// </summary>
internal sealed class PrometheusMetricProvider : IMetricProvider
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

    public async Task<RevisionSample> MeasureAsync(string app, string revision, CancellationToken cancellationToken)
    {
        // Independent queries side by side: a look costs one round trip, not four.
        var requests = QueryAsync("requests", spec.Requests, app, revision, result => (long?)Counts.FromNumber(result.Number(), "the value"), cancellationToken);
        var errors = QueryAsync("errors", spec.Errors, app, revision, result => (long?)Counts.FromNumber(result.Number(), "the value"), cancellationToken);
        var latency = QueryAsync("latency", spec.Latency, app, revision, result => result.Histogram(), cancellationToken);
        var value = QueryAsync("value", spec.Value, app, revision, result => (double?)result.Number(), cancellationToken);
        await Task.WhenAll(requests, errors, latency, value);
        return new RevisionSample(await requests, await errors, await latency, await value);
    }

    /// <summary>Null when the metric has no such query; <typeparamref name="T"/> is a nullable type.</summary>
    private Task<T> QueryAsync<T>(string part, string? template, string app, string revision, Func<InstantResult, T> read, CancellationToken cancellationToken)
    {
        if (template is null)
        {
            return Task.FromResult(default(T)!);
        }

        var promql = Placeholders.Fill(template, app, revision, EscapeString);
        var url = new Uri(endpoint, string.Create(CultureInfo.InvariantCulture,
            $"?query={Uri.EscapeDataString(promql)}&timeout={BoundedCall.Limit.TotalSeconds:0}s"));
        return BoundedCall.RunAsync($"prometheus at {spec.Address}, {part} query {promql}", async ct =>
        {
            var (status, body) = await JsonGet.GetAsync(http, url, ct);
            return read(InstantResult.From(status, body, revision));
        }, cancellationToken);
    }

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
