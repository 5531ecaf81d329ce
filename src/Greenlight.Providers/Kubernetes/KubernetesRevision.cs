using System.Globalization;
using Greenlight.Core.Manifest;
using Greenlight.Core.Targets;

namespace Greenlight.Providers.Kubernetes;

/// <summary>Everything the objects of one revision are made from: from a <see cref="RevisionSpec"/> when the target starts it,
/// or from the manifest when <c>greenlight render k8s</c> prints them.</summary>
internal sealed record KubernetesRevision(
    string App, string Revision, RunSpec Run, ContainerSpec Container, KubernetesSpec Cluster, HealthSpec Health,
    IReadOnlyDictionary<string, string> Environment)
{
    public string Name => KubernetesNames.Revision(App, Revision);

    public static KubernetesRevision From(RevisionSpec spec)
    {
        if (spec is not { Run: { Container: { } container } run, Kubernetes: { } cluster })
            throw new RevisionStartException(
                $"{spec.App} {spec.Version}: the kubernetes target needs run.image, run.port and a kubernetes section in the manifest");
        return new(spec.App, spec.Version, run, container, cluster, new HealthSpec(spec.HealthPath, spec.HealthTimeout, spec.HealthInterval),
            WithPort(spec.Environment.Where(e => e.Key != InstanceVariable).ToDictionary(), container.Port));
    }

    // One Deployment serves every instance of a revision, so no pod is "instance 1": each pod's HOSTNAME tells them apart.
    private const string InstanceVariable = "GREENLIGHT_INSTANCE";

    /// <summary>As the engine would start <paramref name="version"/>; secrets are left out (they are resolved only as a
    /// revision starts, into its Secret object).</summary>
    public static KubernetesRevision From(AppManifest manifest, string version)
    {
        var run = manifest.Run.ForVersion(version);
        if (run.Container is not { } container || manifest.Kubernetes is not { } cluster)
            throw new ArgumentException($"{manifest.App}: run.target is {run.Target}, not kubernetes");
        var environment = new Dictionary<string, string>(run.Environment, StringComparer.Ordinal)
        {
            ["GREENLIGHT_APP"] = manifest.App, ["GREENLIGHT_REVISION"] = version,
        };
        return new(manifest.App, version, run, container, cluster, manifest.Health, WithPort(environment, container.Port));
    }

    private static Dictionary<string, string> WithPort(IReadOnlyDictionary<string, string> environment, int port) =>
        new(environment, StringComparer.Ordinal) { ["PORT"] = port.ToString(CultureInfo.InvariantCulture) };
}
