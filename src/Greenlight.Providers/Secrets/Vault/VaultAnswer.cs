using System.Net;
using System.Text.Json;
using Greenlight.Core.Manifest;
using Greenlight.Core.Secrets;

namespace Greenlight.Providers.Secrets.Vault;

/// <summary>Vault's answers, as its HTTP API documents them, read into a value or into an error that says why.</summary>
internal static class VaultAnswer
{
    /// <summary>A KV v2 read: <c>{"data": {"data": {key: value}, "metadata": {"version": n, …}}}</c>.</summary>
    public static SecretValue Read(SecretReference reference, JsonElement body)
    {
        if (!body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("data", out var fields) || fields.ValueKind != JsonValueKind.Object)
            throw new SecretUnavailableException($"{reference}: Vault's answer has no data.data object: is {reference.Path.Split('/')[0]} a KV version 2 mount?");
        if (!fields.TryGetProperty(reference.Key!, out var field))
        {
            var keys = string.Join(", ", fields.EnumerateObject().Select(p => p.Name));
            throw new SecretUnavailableException($"{reference}: the secret has no key \"{reference.Key}\" (its keys: {(keys.Length == 0 ? "none" : keys)})");
        }
        var value = field.ValueKind switch
        {
            JsonValueKind.String => field.GetString()!,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => field.GetRawText(),
            _ => throw new SecretUnavailableException($"{reference}: the key \"{reference.Key}\" holds {Describe(field.ValueKind)}, not a string"),
        };
        var version = data.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("version", out var number) && number.ValueKind == JsonValueKind.Number
            ? number.GetRawText()
            : throw new SecretUnavailableException($"{reference}: Vault's answer has no data.metadata.version");
        return new SecretValue(value, version);
    }

    /// <summary>An AppRole login: <c>{"auth": {"client_token": "…", …}}</c>.</summary>
    public static string ClientToken(SecretReference reference, Uri url, JsonElement body) =>
        body.TryGetProperty("auth", out var auth) && auth.ValueKind == JsonValueKind.Object
        && auth.TryGetProperty("client_token", out var token) && token.GetString() is { Length: > 0 } text
            ? text
            : throw new SecretUnavailableException($"{reference}: Vault answered {url.AbsolutePath} with no auth.client_token");

    /// <summary>Any status of 400 or more: Vault explains it in <c>{"errors": […]}</c>; a KV v2 404 may carry the
    /// metadata of a latest version that was deleted or destroyed.</summary>
    public static SecretUnavailableException Refused(SecretReference reference, Uri url, HttpStatusCode status, JsonElement body, string? what = null)
    {
        var said = body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
            ? string.Join("; ", errors.EnumerateArray().Select(e => e.ToString()).Where(e => e.Length > 0))
            : "";
        var why = what ?? (status switch
        {
            HttpStatusCode.NotFound => Deleted(body) ?? $"Vault has no secret at {reference.Path} (or the token may not read it, or {reference.Path.Split('/')[0]} is not a KV version 2 mount)",
            HttpStatusCode.Forbidden => "Vault refused the token",
            _ => "Vault could not answer",
        });
        return new SecretUnavailableException($"{reference}: {why} ({(int)status} from {url.GetLeftPart(UriPartial.Path)}{(said.Length == 0 ? "" : ": " + said)})");
    }

    private static string? Deleted(JsonElement body)
    {
        if (!body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
            return null;
        var version = metadata.TryGetProperty("version", out var v) ? v.GetRawText() : "?";
        if (metadata.TryGetProperty("destroyed", out var destroyed) && destroyed.ValueKind == JsonValueKind.True)
            return $"its latest version ({version}) was destroyed";
        return metadata.TryGetProperty("deletion_time", out var deleted) && deleted.GetString() is { Length: > 0 } when
            ? $"its latest version ({version}) was deleted at {when}"
            : null;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        _ => "null",
    };
}
