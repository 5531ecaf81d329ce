using YamlDotNet.RepresentationModel;

namespace Greenlight.Core.Manifest.Reading;

internal sealed partial class NodeReader
{
    /// <summary>
    /// A mapping whose keys are data (such as variable names) and whose values are either a scalar, the shorthand
    /// read as <paramref name="shorthand"/>, or a mapping read whole by <paramref name="readMapping"/>.
    /// </summary>
    public IReadOnlyDictionary<string, T> Entries<T>(string key, Scalar<string> names, Scalar<T> shorthand, Func<NodeReader, T?> readMapping)
        where T : class =>
        DataEntries(key, names, (node, path) => node is YamlMappingNode mapping
            ? ReadAll(new NodeReader(errors, path, mapping, mapping.Start), readMapping)
            : TryConvert(node, path, shorthand, out var converted) ? converted : null);

    /// <summary>A mapping whose keys are data, each value read by <paramref name="read"/> (null: reported, left out).</summary>
    private Dictionary<string, T> DataEntries<T>(string key, Scalar<string> names, Func<YamlNode, string, T?> read)
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
            if (TryConvert(keyNode, path, names, out var name) && read(valueNode, path + Segment(name)) is { } value)
                result[name] = value;
        }

        return result;
    }
}
