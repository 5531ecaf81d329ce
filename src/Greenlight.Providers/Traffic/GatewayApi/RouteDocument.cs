using System.Text.Json;
using Greenlight.Core.Manifest;
using Greenlight.Core.Traffic;
using Greenlight.Providers.Kubernetes;
using k8s.Models;

namespace Greenlight.Providers.Traffic.GatewayApi;

/// <summary>
/// Turns an app's route into its HTTPRoute: the weights become the weights of the unconditional rule's backendRefs (one
/// Service per revision), each tester route a rule matching its header exactly, with the one revision as backend. Gateway
/// API gives a rule with more header matches precedence, so testers' requests go to their revision whatever the weights.
/// The route itself rides along as an annotation: revision names cannot be read back from Service names.
/// </summary>
internal static class RouteDocument
{
    public const string RouteAnnotation = "greenlight.dev/route";

    public static HttpRoute For(AppRoute route, KubernetesSpec cluster, int port)
    {
        if (route.Sticky is not null)
            throw new ClusterException(
                $"{route.App}: sticky sessions are not possible with a Gateway API HTTPRoute, which splits by weight on every request");
        if (route.Matches?.FirstOrDefault(m => m.Header is null) is { } cookie)
            throw new ClusterException($"{route.App}: a tester route by cookie {cookie.Cookie} is not possible with an HTTPRoute, which matches headers only");
        string Service(string revision) => KubernetesNames.Revision(route.App, revision);
        var testers = (route.Matches ?? []).Select(m => new HttpRouteRule
        {
            Matches = [new HttpRouteMatch { Headers = [new HttpHeaderMatch { Name = m.Header!, Value = m.Value }] }],
            BackendRefs = [new HttpBackendRef { Name = Service(m.Revision), Port = port, Weight = 1 }],
        });
        var split = new HttpRouteRule { BackendRefs = [.. route.Backends.Select(b => new HttpBackendRef { Name = Service(b.Revision), Port = port, Weight = b.Weight })] };
        return new HttpRoute
        {
            Metadata = new V1ObjectMeta
            {
                Name = route.App,
                NamespaceProperty = cluster.Namespace,
                Labels = new Dictionary<string, string> { ["app"] = route.App, [KubernetesNames.ManagedBy] = KubernetesNames.Manager },
                Annotations = new Dictionary<string, string> { [RouteAnnotation] = JsonSerializer.Serialize(route) },
            },
            Spec = new HttpRouteSpec
            {
                ParentRefs = [new ParentReference { Name = cluster.Gateway.Name, Namespace = cluster.Gateway.Namespace }],
                Hostnames = cluster.Hostnames.Count == 0 ? null : [.. cluster.Hostnames],
                Rules = [.. testers, split],
            },
        };
    }

    /// <summary>The route last applied, from the annotation.</summary>
    public static AppRoute Read(HttpRoute route)
    {
        var what = $"HTTPRoute {route.Metadata.NamespaceProperty}/{route.Metadata.Name}";
        if (route.Metadata.Annotations?.TryGetValue(RouteAnnotation, out var json) != true)
            throw new ClusterException($"{what} has no {RouteAnnotation} annotation: it was not written by Greenlight, or it was edited");
        try
        {
            return JsonSerializer.Deserialize<AppRoute>(json!) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new ClusterException($"{what}: its {RouteAnnotation} annotation is not a route ({e.Message})");
        }
    }
}
