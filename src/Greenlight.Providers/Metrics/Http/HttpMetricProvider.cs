using System.Text.Json;
using Greenlight.Core.Analysis;
using Greenlight.Core.Checks;
using Greenlight.Core.Manifest;

namespace Greenlight.Providers.Metrics.Http;

/// <summary>
/// The <c>http</c> provider: GETs a JSON endpoint (<c>{{app}}</c> and <c>{{revision}}</c> URL-escaped
/// into its URL) and reads each part of the sample at its JSON path.
/// </summary>
internal sealed class HttpMetricProvider : IMetricProvider
{
    private readonly HttpMetricSpec spec;
    private readonly HttpClient http;
    private readonly JsonPath? requests;
    private readonly JsonPath? errors;
    private readonly JsonPath? value;

    public HttpMetricProvider(HttpMetricSpec spec, HttpClient http)
    {
        if (spec.Requests is null && spec.Errors is null && spec.Value is null)
        {
            throw new ArgumentException($"http metric {spec.Url}: no JSON path given (requests, errors or value)", nameof(spec));
        }

        // Checked once with sample values: every later URL differs only in escaped placeholder values.
        if (!Uri.TryCreate(Placeholders.Fill(spec.Url, "app", "revision", Uri.EscapeDataString), UriKind.Absolute, out var sample)
            || sample.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"http metric: {spec.Url} is not an absolute http(s) URL", nameof(spec));
        }

        this.spec = spec;
        this.http = http;
        requests = Path(spec.Requests);
        errors = Path(spec.Errors);
        value = Path(spec.Value);
    }

    public string Name => "http";

    public Task<RevisionSample> MeasureAsync(string app, string revision, CancellationToken cancellationToken)
    {
        var url = Placeholders.Fill(spec.Url, app, revision, Uri.EscapeDataString);
        return BoundedCall.RunAsync($"http metric GET {url}", async ct =>
        {
            var (status, body) = await JsonGet.GetAsync(http, new Uri(url), ct);
            if ((int)status is < 200 or > 299)
            {
                throw new InvalidDataException($"answered {JsonGet.Describe(status)}: {JsonGet.Excerpt(body.GetRawText())}");
            }

            return new RevisionSample(
                requests is null ? null : Counts.FromNumber(Number(body, requests), $"{requests}"),
                errors is null ? null : Counts.FromNumber(Number(body, errors), $"{errors}"),
                null,
                value is null ? null : Number(body, value));
        }, cancellationToken);
    }

    private static double Number(JsonElement body, JsonPath path)
    {
        if (!path.TrySelect(body, out var found))
        {
            throw new InvalidDataException($"no value at {path}");
        }

        // JSON numbers only: a string "12" or null means the endpoint is not what the manifest expects.
        return found.ValueKind == JsonValueKind.Number && found.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw new InvalidDataException($"{path} is {JsonPath.TextOf(found)}, not a number");
    }

    private JsonPath? Path(string? text) =>
        text is null ? null
        : JsonPath.TryParse(text, out var path) ? path
        : throw new ArgumentException($"http metric {spec.Url}: \"{text}\" is not a supported JSON path such as $.stats.requests", "spec");
}
