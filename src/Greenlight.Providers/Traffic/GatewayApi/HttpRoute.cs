using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Greenlight.Providers.Traffic.GatewayApi;

// The part of Gateway API's HTTPRoute (gateway.networking.k8s.io/v1, standard channel) that Greenlight writes; field names
// and types as in the HTTPRoute CRD. Null fields are left out of what is applied, so Greenlight owns no field it does not set.

internal sealed class HttpRoute : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "gateway.networking.k8s.io";
    public const string Version = "v1";
    public const string Plural = "httproutes";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{Group}/{Version}";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "HTTPRoute";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public HttpRouteSpec Spec { get; set; } = new();
}

internal sealed class HttpRouteSpec
{
    [JsonPropertyName("parentRefs")]
    public List<ParentReference> ParentRefs { get; set; } = [];

    [JsonPropertyName("hostnames")]
    public List<string>? Hostnames { get; set; }

    [JsonPropertyName("rules")]
    public List<HttpRouteRule> Rules { get; set; } = [];
}

internal sealed class ParentReference
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }
}

internal sealed class HttpRouteRule
{
    [JsonPropertyName("matches")]
    public List<HttpRouteMatch>? Matches { get; set; }

    [JsonPropertyName("backendRefs")]
    public List<HttpBackendRef> BackendRefs { get; set; } = [];
}

internal sealed class HttpRouteMatch
{
    [JsonPropertyName("headers")]
    public List<HttpHeaderMatch>? Headers { get; set; }
}

internal sealed class HttpHeaderMatch
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "Exact";

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("value")]
    public string Value { get; set; } = "";
}

/// <summary>A Service of a revision (kind Service is the default of backendRefs) and its share of the rule's requests.</summary>
internal sealed class HttpBackendRef
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("port")]
    public int Port { get; set; }

    [JsonPropertyName("weight")]
    public int Weight { get; set; }
}
