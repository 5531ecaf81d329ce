using YamlDotNet.RepresentationModel;

namespace Greenlight.Scanning.Iac.Kubernetes;

/// <summary>
/// Null-tolerant navigation: a manifest may omit any field, and a field of an unexpected shape is left to the
/// API server's validation, so both read as "not set".
/// </summary>
internal static class YamlNav
{
    // YAML 1.1 booleans, which Kubernetes' YAML decoder still accepts unquoted.
    private static readonly HashSet<string> TrueWords = new(StringComparer.OrdinalIgnoreCase) { "true", "yes", "y", "on" };

    public static YamlNode? Child(this YamlNode? node, string key) =>
        node.Pairs().FirstOrDefault(pair => pair.Key.Text() == key).Value;

    public static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Pairs(this YamlNode? node) =>
        node is YamlMappingNode mapping ? mapping.Children : [];

    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode? node) => node is YamlSequenceNode sequence ? sequence.Children : [];

    public static bool IsTrue(this YamlNode node) => node.Text() is { } text && TrueWords.Contains(text);

    public static int Line(this YamlNode node) => (int)node.Start.Line;
}
