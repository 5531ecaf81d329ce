using System.Text.RegularExpressions;
using Greenlight.Core.Parsing;
using Greenlight.Scanning.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Scanning.Iac.Kubernetes;

/// <summary>Reads the Kubernetes objects of a (multi-document) YAML file; YAML that is not Kubernetes yields none.</summary>
internal static class ManifestReader
{
    private static readonly Regex TopLevelKey = new(@"^(apiVersion|kind)\s*:", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <exception cref="InvalidDataException">
    /// The file looks like a manifest (apiVersion and kind at the top level) but cannot be decoded, is not valid YAML, or it nests too deeply to tell what it holds.
    /// </exception>
    public static IReadOnlyList<KubeObject> Read(string file, byte[] bytes)
    {
        string text;
        try
        {
            text = TextDecoding.Decode(file, bytes);
        }
        catch (InvalidDataException) when (!LooksLikeManifest(TextDecoding.Lenient(bytes)))
        {
            return [];
        }
        YamlStream stream;
        try
        {
            stream = YamlNesting.Load(text);
        }
        catch (YamlNestingException e)
        {
            throw new InvalidDataException($"{file}:{e.Start.Line}:{e.Start.Column}: cannot read YAML: {e.Message}", e);
        }
        catch (YamlException e)
        {
            // Skipping a broken manifest would pass the gate blind; other broken YAML is not ours to judge.
            if (!LooksLikeManifest(text)) return [];
            throw new InvalidDataException($"{file}:{e.Start.Line}:{e.Start.Column}: cannot read Kubernetes manifest: {e.Message}", e);
        }
        return stream.Documents.SelectMany(d => Objects(d.RootNode)).ToList();
    }

    private static bool LooksLikeManifest(string text) =>
        TopLevelKey.Matches(text).Select(m => m.Groups[1].Value).Distinct().Count() == 2;

    // kubectl's "kind: List" (e.g. saved `kubectl get -o yaml` output) wraps the objects in items.
    private static IEnumerable<KubeObject> Objects(YamlNode node) =>
        KubeObject.From(node) is not { } o ? []
        : o.Kind == "List" ? o.Root.Child("items").Items().SelectMany(Objects)
        : [o];
}
