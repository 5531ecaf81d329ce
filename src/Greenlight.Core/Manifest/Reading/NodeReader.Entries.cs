using YamlDotNet.RepresentationModel;

namespace Greenlight.Core.Manifest.Reading;

internal sealed partial class NodeReader
{
    /// <summary>
    /// A mapping whose keys are data (such as variable names) and whose values are either a scalar, the shorthand
    /// read as <paramref name="shorthand"/>, or a mapping read whole by <paramref name="readMapping"/>.
    /// </summary>
    public IReadOnlyDictionary<string, T> Entries<T>(string key, Scalar<string> names, Scalar<T> shorthand, Func<NodeReader, T?> readMapping)
        where T : class
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        var node = Find(key);
        var path = PathOf(key);
        if (node is null || YamlText.IsNull(node))
            return result;
        if (node is not YamlMappingNode entries)
        {
            errors.Add(node.Start, path, $"found {YamlText.Describe(node)}", "a mapping");
            return result;
        }

        foreach (var (keyNode, valueNode) in entries.Children)
        {
            if (!TryConvert(keyNode, path, names, out var name))
                continue;
            var entryPath = path + Segment(name);
            var value = valueNode is YamlMappingNode mapping
                ? ReadAll(new NodeReader(errors, entryPath, mapping, mapping.Start), readMapping)
                : TryConvert(valueNode, entryPath, shorthand, out var converted) ? converted : null;
            if (value is not null)
                result[name] = value;
        }

        return result;
    }
}
