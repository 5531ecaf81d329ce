using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Testing.Kubernetes;

public sealed partial class FakeKubernetesApi
{
    // The resources served: plural -> apiVersion and kind, as the API server's discovery documents name them.
    private static readonly Dictionary<string, (string ApiVersion, string Kind)> Resources = new()
    {
        ["secrets"] = ("v1", "Secret"),
        ["services"] = ("v1", "Service"),
        ["deployments"] = ("apps/v1", "Deployment"),
        ["endpointslices"] = ("discovery.k8s.io/v1", "EndpointSlice"),
        ["httproutes"] = ("gateway.networking.k8s.io/v1", "HTTPRoute"),
    };

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        var request = http.Request;
        Requests.Enqueue($"{request.Method} {request.Path}{request.QueryString} {request.ContentType}".TrimEnd());
        if (request.Query["watch"] == "true")
            return Status(HttpStatusCode.BadRequest, "BadRequest", "this fake serves no watches");
        if (Parse(request.Path.Value ?? "") is not { } at)
            return Status(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
        var (plural, ns, name) = at;
        if (name is null)
            return request.Method == "GET" && plural == "endpointslices"
                ? Results.Json(EndpointSlices(ns, request.Query["labelSelector"].ToString()))
                : Status(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"the fake lists only endpointslices, not {plural}");
        var key = new ObjectKey(plural, ns, name);
        switch (request.Method)
        {
            case "GET":
                return _objects.TryGetValue(key, out var found) ? Results.Json(WithStatus(key, found)) : NotFound(key);
            case "DELETE":
                var sent = await ReadAsync(request); // V1DeleteOptions, or nothing
                var options = sent.Length > 0 ? JsonNode.Parse(sent) : null;
                Deletes.Enqueue($"{plural}/{ns}/{name} {(string?)options?["propagationPolicy"] ?? "-"}");
                lock (_write)
                {
                    if (!_objects.TryGetValue(key, out var gone))
                        return NotFound(key);
                    var uid = (string?)options?["preconditions"]?["uid"];
                    if (uid is not null && uid != (string?)gone["metadata"]?["uid"])
                        return Status(HttpStatusCode.Conflict, "Conflict",
                            $"Precondition failed: UID in precondition: {uid}, UID in object meta: {(string?)gone["metadata"]?["uid"]}");
                    _objects.TryRemove(key, out _);
                    return Results.Json(gone);
                }
            case "PATCH":
                return Apply(key, request, await ReadAsync(request));
            case "PUT":
                return Replace(key, await ReadAsync(request));
            default:
                return Status(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"{request.Method} is not served");
        }
    }

    /// <summary>Server-side apply, as the API server takes it (kubernetes.io/docs/reference/using-api/server-side-apply/).</summary>
    private IResult Apply(ObjectKey key, HttpRequest request, string text)
    {
        if (request.ContentType?.Split(';')[0].Trim() != "application/apply-patch+yaml")
            return Status(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType",
                $"the fake accepts only server-side apply (application/apply-patch+yaml), got {request.ContentType}");
        if (string.IsNullOrEmpty(request.Query["fieldManager"]))
            return Status(HttpStatusCode.BadRequest, "BadRequest", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        return Write(key, text, create: true);
    }

    /// <summary>PUT: an update of an existing object; a stale resourceVersion is a conflict.</summary>
    private IResult Replace(ObjectKey key, string text) => _objects.ContainsKey(key) ? Write(key, text, create: false) : NotFound(key);

    private IResult Write(ObjectKey key, string text, bool create)
    {
        JsonObject body;
        try
        {
            // JSON is YAML: the client sends apply configurations as JSON.
            body = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            return Status(HttpStatusCode.BadRequest, "BadRequest", $"the body is not an object: {e.Message}");
        }
        if (SchemaChecks.Problems(key.Plural, Resources[key.Plural], key.Namespace, key.Name, body) is { Count: > 0 } problems)
            return Status(HttpStatusCode.UnprocessableEntity, "Invalid",
                $"{Resources[key.Plural].Kind}.{Resources[key.Plural].ApiVersion} \"{key.Name}\" is invalid: {string.Join("; ", problems)}");
        lock (_write)
        {
            var stored = _objects.GetValueOrDefault(key);
            if (stored is not null && _conflictOnce.TryRemove(key, out _))
                Store(key, stored); // someone else's write: the resourceVersion moves on
            var sent = (string?)body["metadata"]?["resourceVersion"];
            if (sent is not null && sent != (string?)stored?["metadata"]?["resourceVersion"])
            {
                Interlocked.Increment(ref _conflicts);
                return Status(HttpStatusCode.Conflict, "Conflict",
                    $"Operation cannot be fulfilled on {key.Plural} \"{key.Name}\": the object has been modified; please apply your changes to the latest version and try again");
            }
            if (stored is null && !create)
                return NotFound(key);
            var generation = (long?)stored?["metadata"]?["generation"] ?? 0;
            var specChanged = stored is null || !JsonNode.DeepEquals(stored["spec"], body["spec"]);
            var meta = (JsonObject)body["metadata"]!;
            meta["generation"] = specChanged ? generation + 1 : generation;
            if (stored?["metadata"]?["uid"] is { } uid)
                meta["uid"] = uid.DeepClone();
            Store(key, body);
            return Results.Json(WithStatus(key, body), statusCode: stored is null ? 201 : 200);
        }
    }

    private IResult NotFound(ObjectKey key) =>
        Status(HttpStatusCode.NotFound, "NotFound", $"{key.Plural} \"{key.Name}\" not found");

    private static async Task<string> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync();
    }

    /// <summary>/api/v1/namespaces/NS/PLURAL[/NAME] or /apis/GROUP/VERSION/namespaces/NS/PLURAL[/NAME], for a served resource
    /// at the apiVersion it is served at.</summary>
    private static (string Plural, string Namespace, string? Name)? Parse(string path)
    {
        var parts = path.Trim('/').Split('/');
        var (apiVersion, rest) = parts switch
        {
            ["api", "v1", .. var r] => ("v1", r),
            ["apis", var group, var version, .. var r] => ($"{group}/{version}", r),
            _ => (null, Array.Empty<string>()),
        };
        if (apiVersion is null || rest is not ["namespaces", var ns, var plural, ..] || rest.Length > 4
            || !Resources.TryGetValue(plural, out var served) || served.ApiVersion != apiVersion)
            return null;
        return (plural, ns, rest.Length == 4 ? rest[3] : null);
    }
}
