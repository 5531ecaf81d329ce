using System.Globalization;
using k8s;
using k8s.Models;

namespace Greenlight.Providers.Kubernetes;

/// <summary>The objects of one revision as Greenlight applies them: a Secret with its environment (values never in the
/// Deployment, where anyone who may read Deployments would see them), a Deployment and a Service.</summary>
internal static class RevisionObjects
{
    public static V1Secret Secret(KubernetesRevision r) => new()
    {
        ApiVersion = "v1", Kind = "Secret", Type = "Opaque",
        Metadata = Meta(r),
        StringData = r.Environment.ToDictionary(),
    };

    public static V1Deployment Deployment(KubernetesRevision r) => new()
    {
        ApiVersion = "apps/v1", Kind = "Deployment",
        Metadata = Meta(r),
        Spec = new V1DeploymentSpec
        {
            Replicas = r.Run.Instances,
            Selector = new V1LabelSelector { MatchLabels = KubernetesNames.Selector(r.App, r.Revision) },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = KubernetesNames.Labels(r.App, r.Revision), Annotations = Annotations(r) },
                Spec = new V1PodSpec
                {
                    // What StopAsync's grace means for a process: SIGTERM, this long, then SIGKILL.
                    TerminationGracePeriodSeconds = (long)Math.Ceiling(r.Run.StopTimeout.TotalSeconds),
                    Containers = [Container(r)],
                },
            },
        },
    };

    public static V1Service Service(KubernetesRevision r) => new()
    {
        ApiVersion = "v1", Kind = "Service",
        Metadata = Meta(r),
        Spec = new V1ServiceSpec
        {
            Selector = KubernetesNames.Selector(r.App, r.Revision),
            Ports = [new V1ServicePort { Name = "http", Port = r.Container.Port, TargetPort = r.Container.Port, Protocol = "TCP" }],
        },
    };

    private static V1Container Container(KubernetesRevision r) => new()
    {
        Name = r.App,
        Image = r.Container.Image,
        Command = r.Run.Command.Length == 0 ? null : [r.Run.Command],
        Args = r.Run.Args.Count == 0 ? null : [.. r.Run.Args],
        Ports = [new V1ContainerPort { Name = "http", ContainerPort = r.Container.Port, Protocol = "TCP" }],
        EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = r.Name } }],
        // Ready only while the health endpoint answers: the Deployment counts it available and its endpoint takes traffic.
        ReadinessProbe = new V1Probe
        {
            HttpGet = new V1HTTPGetAction { Path = r.Health.Path, Port = r.Container.Port },
            PeriodSeconds = Seconds(r.Health.Interval),
        },
        Resources = Resources(r.Container.Resources),
    };

    private static V1ResourceRequirements? Resources(Core.Manifest.ResourceLimits limits)
    {
        var quantities = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        if (limits.Cpus is { } cpus)
            quantities["cpu"] = new ResourceQuantity(cpus.ToString(CultureInfo.InvariantCulture));
        if (limits.MemoryBytes is { } memory)
            quantities["memory"] = new ResourceQuantity(Memory(memory));
        // Requests equal to limits: the pod gets what it is limited to, and the scheduler places it knowing so.
        return quantities.Count == 0 ? null : new V1ResourceRequirements { Limits = quantities, Requests = new Dictionary<string, ResourceQuantity>(quantities) };
    }

    /// <summary>Bytes as the largest binary unit that divides them (256Mi rather than 268435456), as a person would write it.</summary>
    private static string Memory(long bytes)
    {
        foreach (var (unit, shift) in new[] { ("Ti", 40), ("Gi", 30), ("Mi", 20), ("Ki", 10) })
            if (bytes % (1L << shift) == 0)
                return (bytes >> shift).ToString(CultureInfo.InvariantCulture) + unit;
        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    private static V1ObjectMeta Meta(KubernetesRevision r) => new()
    {
        Name = r.Name, NamespaceProperty = r.Cluster.Namespace, Labels = KubernetesNames.Labels(r.App, r.Revision), Annotations = Annotations(r),
    };

    private static Dictionary<string, string> Annotations(KubernetesRevision r) => new() { [KubernetesNames.RevisionAnnotation] = r.Revision };

    private static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));
}
