using YamlDotNet.RepresentationModel;

namespace Greenlight.Scanning.Iac.Kubernetes;

/// <summary>One entry of a pod spec's containers or initContainers.</summary>
/// <param name="Path">Attribute path of the entry, e.g. <c>spec.template.spec.initContainers[0]</c>.</param>
internal sealed record ContainerSpec(YamlNode Node, string Path, string Name)
{
    private static readonly Dictionary<string, string[]> PodSpecPaths = new(StringComparer.Ordinal)
    {
        ["Pod"] = ["spec"],
        ["Deployment"] = ["spec", "template", "spec"],
        ["StatefulSet"] = ["spec", "template", "spec"],
        ["DaemonSet"] = ["spec", "template", "spec"],
        ["ReplicaSet"] = ["spec", "template", "spec"],
        ["ReplicationController"] = ["spec", "template", "spec"],
        ["Job"] = ["spec", "template", "spec"],
        ["CronJob"] = ["spec", "jobTemplate", "spec", "template", "spec"],
    };

    public (string Value, int Line)? Image => Node.Child("image") is { } image && image.Text() is { Length: > 0 } value ? (value, image.Line()) : null;

    /// <summary>The containers of a workload's pod template; none for other kinds.</summary>
    public static IEnumerable<ContainerSpec> Of(KubeObject o)
    {
        if (!PodSpecPaths.TryGetValue(o.Kind, out var path)) return [];
        var podSpec = path.Aggregate<string, YamlNode?>(o.Root, (node, key) => node.Child(key));
        var prefix = string.Join('.', path);
        return new[] { "initContainers", "containers" }.SelectMany(list => podSpec.Child(list).Items().Select((node, i) =>
            new ContainerSpec(node, $"{prefix}.{list}[{i}]", node.Child("name").Text() ?? $"#{i}")));
    }
}
