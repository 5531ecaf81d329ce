using System.Diagnostics.CodeAnalysis;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Core.Manifest.Reading;

/// <summary>
/// Reads one YAML mapping of the manifest. Each accessor declares its key as allowed, reports problems to the
/// shared <see cref="ErrorList"/> and returns a fallback instead of throwing, so reading goes on to find every
/// problem. When a section's read function returns, the keys it never asked for are reported as unknown, which is
/// why a read function must touch all of its keys even when an earlier one was wrong.
/// </summary>
internal sealed partial class NodeReader
{
    private readonly ErrorList errors;
    private readonly YamlMappingNode? map;
    private readonly Mark at;
    private readonly string sectionPath;
    private readonly List<string> allowed = [];

    private NodeReader(ErrorList errors, string path, YamlMappingNode? map, Mark at)
    {
        this.errors = errors;
        this.map = map;
        this.at = at;
        sectionPath = path;
    }

    /// <summary>False when the section is absent from the file and is read only for its defaults.</summary>
    public bool IsPresent => map is not null;

    public static T Read<T>(ErrorList errors, YamlMappingNode root, Func<NodeReader, T> read) =>
        ReadAll(new NodeReader(errors, "", root, root.Start), read);

    public bool Has(string key) => Find(key) is not null;

    public T? Required<T>(string key, Scalar<T> kind) => TryRead(key, kind, required: true, out var value) ? value : default;

    public T Optional<T>(string key, Scalar<T> kind, T fallback) => TryRead(key, kind, required: false, out var value) ? value : fallback;

    public T? Optional<T>(string key, Scalar<T> kind)
        where T : class => TryRead(key, kind, required: false, out var value) ? value : null;

    /// <summary>An optional section, read for its defaults when absent; <c>key:</c> with no value is an empty section.</summary>
    public T? Map<T>(string key, Func<NodeReader, T> read) => Section(key, read, required: false);

    public T? RequiredMap<T>(string key, Func<NodeReader, T> read) => Section(key, read, required: true);

    /// <summary>For rules that span keys: points at the key's value, or at this section when the key is absent.</summary>
    public void Report(string key, string message, string? expected = null) =>
        errors.Add(Find(key)?.Start ?? at, PathOf(key), message, expected);

    public void ReportHere(string message, string? expected = null) => errors.Add(at, sectionPath, message, expected);

    /// <summary>For keys that exclude one another: reports here unless exactly one is present; returns those present.</summary>
    /// <param name="none">What the user is told was found when none is present, such as "no strategy".</param>
    public IReadOnlyList<string> ExactlyOne(string none, params string[] keys)
    {
        var present = keys.Where(Has).ToList();
        if (present.Count != 1)
        {
            ReportHere("found " + (present.Count == 0 ? none : string.Join(" and ", present)), "exactly one of " + string.Join(", ", keys));
        }

        return present;
    }

    private static T ReadAll<T>(NodeReader reader, Func<NodeReader, T> read)
    {
        var result = read(reader);
        reader.ReportUnknownKeys();
        return result;
    }

    private T? Section<T>(string key, Func<NodeReader, T> read, bool required)
    {
        var node = Find(key);
        var path = PathOf(key);
        switch (node)
        {
            case YamlMappingNode section:
                return ReadAll(new NodeReader(errors, path, section, section.Start), read);
            case null when required:
                Missing(key, null, "a mapping");
                return default;
            case null:
                return ReadAll(new NodeReader(errors, path, null, at), read);
            case not null when YamlText.IsNull(node):
                return ReadAll(new NodeReader(errors, path, new YamlMappingNode(), node.Start), read);
            default:
                errors.Add(node.Start, path, $"found {YamlText.Describe(node)}", "a mapping");
                return default;
        }
    }

    private bool TryRead<T>(string key, Scalar<T> kind, bool required, [MaybeNullWhen(false)] out T value)
    {
        var node = Find(key);
        if (node is null || YamlText.IsNull(node))
        {
            if (required)
            {
                Missing(key, node, kind.Expected);
            }

            value = default;
            return false;
        }

        return TryConvert(node, PathOf(key), kind, out value);
    }

    private bool TryConvert<T>(YamlNode node, string path, Scalar<T> kind, [MaybeNullWhen(false)] out T value)
    {
        value = default;
        if (node is not YamlScalarNode { Value: { } text })
        {
            errors.Add(node.Start, path, $"found {YamlText.Describe(node)}", kind.Expected);
            return false;
        }

        var expected = kind.Parse(text, out value);
        if (expected is not null)
        {
            errors.Add(node.Start, path, $"found {YamlText.Quote(text)}", expected);
        }

        return expected is null;
    }

    private void Missing(string key, YamlNode? emptyValue, string expected) =>
        errors.Add(emptyValue?.Start ?? at, PathOf(key), emptyValue is null ? "missing required key" : "found no value", expected);

    private void ReportUnknownKeys()
    {
        foreach (var key in map?.Children.Keys ?? [])
        {
            var name = key is YamlScalarNode { Value: { } text } ? text : YamlText.Describe(key);
            if (allowed.Contains(name))
            {
                continue;
            }

            var guess = NearestName.Find(name, allowed);
            var hint = guess is null ? "" : $" (did you mean \"{guess}\"?)";
            errors.Add(key.Start, PathOf(name), $"unknown key{hint}", "one of " + string.Join(", ", allowed));
        }
    }

    private YamlNode? Find(string key)
    {
        if (!allowed.Contains(key))
        {
            allowed.Add(key);
        }

        return Lookup(key);
    }

    private YamlNode? Lookup(string key) =>
        map?.Children.FirstOrDefault(entry => entry.Key is YamlScalarNode { Value: var name } && name == key).Value;

    private string PathOf(string key) => sectionPath.Length == 0 ? key : $"{sectionPath}.{key}";
}
