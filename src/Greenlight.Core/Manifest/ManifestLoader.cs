using Greenlight.Core.Manifest.Reading;
using Greenlight.Core.Manifest.Sections;
using Greenlight.Core.Parsing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Core.Manifest;

/// <summary>Reads <c>greenlight.yaml</c> and reports every problem in it at once, each with its position.</summary>
public static class ManifestLoader
{
    public static ManifestResult Load(string path)
    {
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ManifestResult.Invalid([new ManifestError(path, 0, 0, "", $"cannot read the file: {e.Message}", null)]);
        }

        return Parse(yaml, path);
    }

    /// <param name="fileName">Used in error messages; its directory becomes <see cref="AppManifest.BaseDirectory"/>.</param>
    public static ManifestResult Parse(string yaml, string fileName)
    {
        var errors = new ErrorList(fileName);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? Path.GetFullPath(".");
        var root = ReadDocument(yaml, errors);
        var manifest = root is null ? null : NodeReader.Read(errors, root, r => ManifestSection.Read(r, baseDirectory));
        return manifest is not null && errors.Count == 0
            ? ManifestResult.Valid(manifest with { SourceFile = Path.GetFullPath(fileName) })
            : ManifestResult.Invalid(errors.Sorted());
    }

    private static YamlMappingNode? ReadDocument(string yaml, ErrorList errors)
    {
        YamlStream stream;
        try
        {
            stream = YamlNesting.Load(yaml);
        }
        catch (YamlNestingException e)
        {
            errors.Add(e.Start, "", $"found {e.Found}", NestingLimit.Expected);
            return null;
        }
        catch (YamlException e)
        {
            // The parser cannot go on after a syntax error, so this is the one error that comes alone.
            errors.Add(e.Start, "", $"invalid YAML: {e.Message}");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add(stream.Documents[1].RootNode.Start, "", "found a second YAML document", "a single document");
        }

        var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        if (root is null || YamlText.IsNull(root))
        {
            errors.Add(root?.Start ?? new Mark(0, 1, 1), "", "the file is empty", "a mapping with at least app, run and edge");
            return null;
        }

        if (root is not YamlMappingNode map)
        {
            errors.Add(root.Start, "", $"found {YamlText.Describe(root)}", "a mapping with at least app, run and edge");
            return null;
        }

        return map;
    }
}
