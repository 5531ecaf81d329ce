using System.Text;
using Greenlight.Core.Manifest;
using Greenlight.Core.Targets;
using Greenlight.Core.Traffic;
using Greenlight.Providers.Targets.Kubernetes;
using Greenlight.Providers.Traffic.GatewayApi;
using k8s;
using Microsoft.Extensions.Logging;

namespace Greenlight.Providers.Kubernetes;

/// <summary>The kubernetes target and the Gateway API router for the kubernetes apps of a workspace, and what they would apply.</summary>
public static class KubernetesProviders
{
    public static IDeploymentTarget Target(IKubernetes client, IEnumerable<AppManifest> apps, TimeProvider time, ILoggerFactory logs) =>
        new KubernetesTarget(client, InCluster(apps).ToDictionary(a => a.App, a => a.Kubernetes!.Namespace), time, logs.CreateLogger<KubernetesTarget>());

    public static ITrafficRouter Router(IKubernetes client, IEnumerable<AppManifest> apps, TimeProvider time) =>
        new GatewayApiRouter(client, InCluster(apps).ToDictionary(a => a.App, a => (a.Kubernetes!, a.Run.Container!.Port)), time);

    /// <summary>The objects Greenlight applies for <paramref name="version"/> with all traffic on it, as YAML documents:
    /// the revision's Secret (its run.env; the manifest's secrets are resolved into it only as the revision starts),
    /// Deployment and Service, then the app's HTTPRoute.</summary>
    /// <exception cref="ArgumentException">The app's run.target is not kubernetes.</exception>
    public static string Render(AppManifest manifest, string version)
    {
        var revision = KubernetesRevision.From(manifest, version);
        var service = new Uri($"http://{revision.Name}.{revision.Cluster.Namespace}.svc:{revision.Container.Port}/");
        var route = new AppRoute(manifest.App, manifest.Edge.Listen, [new RouteBackend(version, service, 100)]);
        object[] objects =
        [
            RevisionObjects.Secret(revision), RevisionObjects.Deployment(revision), RevisionObjects.Service(revision),
            RouteDocument.For(route, revision.Cluster, revision.Container.Port),
        ];
        var text = new StringBuilder();
        foreach (var o in objects)
            text.Append("---\n").Append(KubernetesYaml.Serialize(o).TrimEnd('\n')).Append('\n');
        return text.ToString();
    }

    private static IEnumerable<AppManifest> InCluster(IEnumerable<AppManifest> apps) =>
        apps.Where(a => a.Run.Target == RunSpec.KubernetesTarget && a.Kubernetes is not null && a.Run.Container is not null);
}
