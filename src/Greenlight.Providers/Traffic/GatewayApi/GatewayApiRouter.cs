using System.Text.Json;
using Greenlight.Core.Manifest;
using Greenlight.Core.Traffic;
using Greenlight.Providers.Kubernetes;
using k8s;

namespace Greenlight.Providers.Traffic.GatewayApi;

/// <summary>
/// Routes an app's traffic with one Gateway API HTTPRoute (gateway.networking.k8s.io/v1) named after the app, in the app's
/// namespace, attached to the manifest's Gateway. The Gateway's implementation applies it; how soon a weight change takes
/// effect is up to it (seconds, typically), unlike the edge's next request. It counts no requests: analysis with this router
/// reads Prometheus (see docs/targets.md).
/// </summary>
/// <param name="apps">The kubernetes section and Service port of each app, by app name.</param>
internal sealed class GatewayApiRouter(IKubernetes client, IReadOnlyDictionary<string, (KubernetesSpec Cluster, int Port)> apps, TimeProvider time) : ITrafficRouter
{
    public const string RouterName = "gateway-api";

    public string Name => RouterName;

    public Task ApplyAsync(AppRoute route, CancellationToken cancellationToken)
    {
        var (cluster, port) = AppOf(route.App);
        var ns = cluster.Namespace;
        return OwnedApply.ApplyAsync($"HTTPRoute {ns}/{route.App}", RouteDocument.For(route, cluster, port),
            ct => ReadAsync(ns, route.App, ct),
            (r, ct) => client.CustomObjects.PatchNamespacedCustomObjectAsync(OwnedApply.Patch(r), HttpRoute.Group, HttpRoute.Version, ns, HttpRoute.Plural,
                route.App, fieldManager: OwnedApply.FieldManager, force: true, cancellationToken: ct),
            time, cancellationToken);
    }

    public async Task<AppRoute?> GetAsync(string app, CancellationToken cancellationToken) =>
        await ReadAsync(AppOf(app).Cluster.Namespace, app, cancellationToken) is { } route ? RouteDocument.Read(route) : null;

    /// <summary>Deletes the HTTPRoute. Requests in flight are the Gateway's to finish: the API server cannot tell when they have.</summary>
    public Task<bool> RemoveAsync(string app, CancellationToken cancellationToken) =>
        OwnedApply.DeleteAsync(() => client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            HttpRoute.Group, HttpRoute.Version, AppOf(app).Cluster.Namespace, HttpRoute.Plural, app, cancellationToken: cancellationToken));

    /// <summary>Empty: an HTTPRoute counts nothing and the API server has no request counts. The Gateway's metrics, scraped by
    /// Prometheus, are where the revisions' requests and errors are.</summary>
    public Task<IReadOnlyDictionary<string, RevisionTraffic>> GetTrafficAsync(string app, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, RevisionTraffic>>(new Dictionary<string, RevisionTraffic>());

    private async Task<HttpRoute?> ReadAsync(string ns, string name, CancellationToken ct) =>
        await OwnedApply.OrNullAsync(() => client.CustomObjects.GetNamespacedCustomObjectAsync(HttpRoute.Group, HttpRoute.Version, ns, HttpRoute.Plural, name, ct))
            is JsonElement json ? KubernetesJson.Deserialize<HttpRoute>(json.GetRawText()) : null;

    private (KubernetesSpec Cluster, int Port) AppOf(string app) =>
        apps.TryGetValue(app, out var found)
            ? found
            : throw new ClusterException($"{app} is not a kubernetes app (run.target kubernetes with a kubernetes section): the Gateway API router has no route for it");
}
