using YamlDotNet.RepresentationModel;

namespace Greenlight.Scanning.Iac.Kubernetes;

/// <summary>One Kubernetes object of a manifest file.</summary>
/// <param name="Resource"><c>Kind/namespace/name</c>; an object without a namespace is named in <c>default</c>.</param>
internal sealed record KubeObject(string Kind, string Resource, YamlMappingNode Root)
{
    public static KubeObject? From(YamlNode node)
    {
        if (node is not YamlMappingNode root || node.Child("apiVersion").Text() is null || node.Child("kind").Text() is not { } kind)
            return null;
        var metadata = root.Child("metadata");
        var name = metadata.Child("name").Text() ?? metadata.Child("generateName").Text() ?? "(unnamed)";
        return new KubeObject(kind, $"{kind}/{metadata.Child("namespace").Text() ?? "default"}/{name}", root);
    }
}
