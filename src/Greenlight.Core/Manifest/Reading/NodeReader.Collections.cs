using YamlDotNet.RepresentationModel;

namespace Greenlight.Core.Manifest.Reading;

/// <summary>The accessors for lists and for mappings whose keys are data.</summary>
internal sealed partial class NodeReader
{
    /// <summary>A list of mappings; <paramref name="readItem"/> gets each item's reader and index.</summary>
    public IReadOnlyList<T> List<T>(string key, Func<NodeReader, int, T?> readItem, bool nonEmpty = false)
        where T : class
    {
        var items = new List<T>();
        var nodes = Sequence(key, nonEmpty);
        for (var i = 0; i < nodes.Count; i++)
        {
            var index = i;
            var path = $"{PathOf(key)}[{i}]";
            if (nodes[i] is not YamlMappingNode item)
            {
                errors.Add(nodes[i].Start, path, $"found {YamlText.Describe(nodes[i])}", "a mapping");
            }
            else if (ReadAll(new NodeReader(errors, path, item, item.Start), r => readItem(r, index)) is { } value)
            {
                items.Add(value);
            }
        }

        return items;
    }

    public IReadOnlyList<T> ScalarList<T>(string key, Scalar<T> kind, bool nonEmpty = false)
    {
        var values = new List<T>();
        var nodes = Sequence(key, nonEmpty);
        for (var i = 0; i < nodes.Count; i++)
        {
            if (TryConvert(nodes[i], $"{PathOf(key)}[{i}]", kind, out var value))
            {
                values.Add(value);
            }
        }

        return values;
    }

    /// <summary>A non-empty list of non-empty lists of scalars, such as waves of region names.</summary>
    public IReadOnlyList<IReadOnlyList<T>> ScalarLists<T>(string key, Scalar<T> kind)
    {
        var lists = new List<IReadOnlyList<T>>();
        var nodes = Sequence(key, nonEmpty: true);
        for (var i = 0; i < nodes.Count; i++)
        {
            var path = $"{PathOf(key)}[{i}]";
            if (nodes[i] is not YamlSequenceNode { Children.Count: > 0 } inner)
            {
                var found = nodes[i] is YamlSequenceNode ? "an empty list" : YamlText.Describe(nodes[i]);
                errors.Add(nodes[i].Start, path, $"found {found}", "a non-empty list");
                continue;
            }

            var values = new List<T>();
            for (var j = 0; j < inner.Children.Count; j++)
            {
                if (TryConvert(inner.Children[j], $"{path}[{j}]", kind, out var value))
                {
                    values.Add(value);
                }
            }

            lists.Add(values);
        }

        return lists;
    }

    /// <summary>A mapping whose keys are data (header names, variables, JSON paths), not manifest keys.</summary>
    public IReadOnlyDictionary<string, string> StringMap(string key, Scalar<string> keys, Scalar<string> values) =>
        DataEntries(key, keys, (node, path) => TryConvert(node, path, values, out var value) ? value : null);

    /// <summary>Data keys such as <c>$.user</c> are bracketed so the path stays readable.</summary>
    private static string Segment(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? "." + name : $"[\"{name}\"]";

    private List<YamlNode> Sequence(string key, bool nonEmpty)
    {
        var expected = nonEmpty ? "a non-empty list" : "a list";
        var node = Find(key);
        if (node is null || YamlText.IsNull(node))
        {
            if (nonEmpty)
            {
                Missing(key, node, expected);
            }

            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            errors.Add(node.Start, PathOf(key), $"found {YamlText.Describe(node)}", expected);
            return [];
        }

        if (nonEmpty && sequence.Children.Count == 0)
        {
            errors.Add(node.Start, PathOf(key), "found an empty list", expected);
        }

        return [.. sequence.Children];
    }
}
