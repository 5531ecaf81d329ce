using System.Net;
using System.Text.Json;

namespace Greenlight.Providers.Traffic.Edge;

/// <summary>The edge refused an admin request; <see cref="Exception.Message"/> is the edge's own explanation.</summary>
public sealed class EdgeAdminException(HttpStatusCode status, string message, IReadOnlyList<EdgeFieldError> errors)
    : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>The offending fields of a refused route (e.g. <c>backends[1].weight</c>), when the edge named them.</summary>
    public IReadOnlyList<EdgeFieldError> Errors { get; } = errors;

    internal static async Task<EdgeAdminException> FromResponse(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var body = JsonSerializer.Deserialize<ErrorBody>(text, EdgeJson.Options);
            if (body?.Error is { Length: > 0 } error)
                return new EdgeAdminException(status, $"edge: {error} ({(int)status})", body.Errors ?? []);
        }
        catch (JsonException)
        {
            // Not the edge's JSON (a proxy, another service on the port): fall back to the raw text.
        }

        return new EdgeAdminException(status, $"edge: {(int)status} {response.ReasonPhrase}: {text}".TrimEnd(' ', ':'), []);
    }

    private sealed record ErrorBody(string? Error, IReadOnlyList<EdgeFieldError>? Errors);
}

public sealed record EdgeFieldError(string Field, string Reason);
