using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Server.Api;

/// <summary>
/// Reads query parameters and JSON bodies by hand rather than through minimal-API binding, which answers
/// a bad value with an empty 400: here every refusal names the parameter or field and what it expects.
/// </summary>
internal static class ApiInput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static int Int(string? value, string name, int fallback) =>
        value is null ? fallback
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : throw Refuse(name, value, "an integer");

    public static long Long(string? value, string name, long fallback) =>
        value is null ? fallback
        : long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : throw Refuse(name, value, "an integer");

    public static bool Bool(string? value, string name, bool fallback) =>
        value is null ? fallback
        : bool.TryParse(value, out var parsed) ? parsed
        : throw Refuse(name, value, "true or false");

    /// <summary>The body as <typeparamref name="T"/>; null when there is none. <paramref name="shape"/> shows what is expected.</summary>
    public static async Task<T?> BodyAsync<T>(HttpRequest request, string shape) where T : class
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
            return null;
        if (!request.HasJsonContentType())
            throw new ApiInputException(StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type must be application/json, not '{request.ContentType ?? "none"}'; the body is {shape}", new ApiFieldError("Content-Type", "must be application/json"));
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Json, request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            var (field, reason) = Explain<T>(e);
            throw new ApiInputException(StatusCodes.Status400BadRequest,
                $"{(field == "body" ? "body" : $"field {field}")} {reason}; the body is {shape}", new ApiFieldError(field, reason));
        }
    }

    private static ApiInputException Refuse(string name, string value, string expected) =>
        new(StatusCodes.Status400BadRequest, $"parameter {name} must be {expected}, not '{value}'",
            new ApiFieldError(name, $"must be {expected}"));

    /// <summary>An unknown field, a value of the wrong type (at its path), or text that is no JSON at all (the body).</summary>
    private static (string Field, string Reason) Explain<T>(JsonException e)
    {
        const string unknown = "The JSON property '";
        if (e.Message.StartsWith(unknown, StringComparison.Ordinal))
            return (e.Message[unknown.Length..e.Message.IndexOf('\'', unknown.Length)], "is not a known field");
        if (e.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            var field = e.Path is null or "$" ? "body" : e.Path.TrimStart('$', '.');
            var property = typeof(T).GetProperty(field, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            return (field, property is null ? "must be a JSON object" : $"must be {Expected(property)}");
        }
        var cut = e.Message.IndexOf(" Path: ", StringComparison.Ordinal);
        var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
        return ("body", $"is not valid JSON: {(cut > 0 ? e.Message[..cut] : e.Message).TrimEnd('.')}{where}");
    }

    private static string Expected(PropertyInfo property) =>
        (Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) switch
        {
            var t when t == typeof(bool) => "true or false",
            var t when t == typeof(int) || t == typeof(long) => "an integer",
            var t when t == typeof(string) => "a string",
            var t => $"a {t.Name}",
        };
}

/// <summary>A malformed request: answered with its status and the field at fault, never a stack trace.</summary>
internal sealed class ApiInputException(int status, string message, ApiFieldError error) : Exception(message)
{
    public int Status { get; } = status;

    public ApiFieldError Error { get; } = error;
}
