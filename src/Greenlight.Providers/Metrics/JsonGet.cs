using System.Net;
using System.Text.Json;

namespace Greenlight.Providers.Metrics;

/// <summary>GETs a JSON document from a metric source.</summary>
internal static class JsonGet
{
    /// <summary>The status and the parsed body, whatever the status (Prometheus explains its errors in JSON).</summary>
    /// <exception cref="InvalidDataException">The body is not JSON; the message shows the status and the start of the body.</exception>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            return (response.StatusCode, document.RootElement.Clone());
        }
        catch (JsonException)
        {
            throw new InvalidDataException($"GET {url} answered {Describe(response.StatusCode)} with no JSON: {Excerpt(text)}");
        }
    }

    public static string Describe(HttpStatusCode status) => $"{(int)status} {status}";

    /// <summary>The start of a body for an error message, on one line.</summary>
    public static string Excerpt(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
