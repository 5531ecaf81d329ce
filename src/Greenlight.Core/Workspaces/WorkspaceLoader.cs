using Greenlight.Core.Manifest;
using Greenlight.Core.Manifest.Reading;
using Greenlight.Core.Parsing;
using Greenlight.Core.Traffic;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Core.Workspaces;

/// <summary>Reads a workspace and every manifest in it, reporting every problem at once with its file, line and column.</summary>
public static class WorkspaceLoader
{
    private const string Expected = "a mapping with apps: a list of manifest paths, relative to this file";

    /// <param name="path">A manifest, a <c>greenlight.workspace.yaml</c>, or a directory whose <c>*.yaml</c> files are manifests.</param>
    public static WorkspaceResult Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            return FromDirectory(full);
        if (Path.GetFileName(full) != Workspace.FileName)
        {
            var single = ManifestLoader.Load(full);
            return single.IsValid ? new(new Workspace(Path.GetDirectoryName(full)!, [single.Manifest]), []) : new(null, single.Errors);
        }
        var errors = new ErrorList(full);
        var entries = ReadEntries(full, errors);
        var root = Path.GetDirectoryName(full)!;
        return Collect(root, entries.Select(e => (Path.GetFullPath(Path.Combine(root, e.Path)), (Mark?)e.At, $"apps[{e.Index}]")).ToList(), errors);
    }

    private static WorkspaceResult FromDirectory(string directory)
    {
        var files = Directory.GetFiles(directory).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != Workspace.FileName).Order(StringComparer.Ordinal).ToList();
        var errors = new ErrorList(directory);
        if (files.Count == 0)
            errors.Add(Mark.Empty, "", "the directory has no *.yaml manifest", "a directory of manifests or a greenlight.workspace.yaml");
        return Collect(directory, files.Select(f => (f, (Mark?)null, Path.GetFileName(f))).ToList(), errors);
    }

    private static WorkspaceResult Collect(string root, List<(string File, Mark? At, string Key)> entries, ErrorList errors)
    {
        var apps = new List<AppManifest>();
        var manifestErrors = new List<ManifestError>();
        var listens = new Dictionary<string, List<ListenerShare>>();
        foreach (var (file, at, key) in entries)
        {
            var loaded = ManifestLoader.Load(file);
            if (!loaded.IsValid)
            {
                manifestErrors.AddRange(loaded.Errors);
                continue;
            }
            var app = loaded.Manifest;
            if (apps.FirstOrDefault(a => a.App == app.App) is { } twin)
                errors.Add(at ?? Mark.Empty, key, $"app {app.App} is also the app of {twin.SourceFile}", "each app in one manifest");
            foreach (var edge in app.Environments.SelectMany(e => e.Regions).Select(r => r.Edge).DistinctBy(e => e.Listen))
                Share(edge, app.App, listens, errors, at ?? Mark.Empty, key);
            apps.Add(app);
        }
        var all = errors.Sorted().Concat(manifestErrors).ToList();
        return all.Count == 0 ? new(new Workspace(root, apps), []) : new(null, all);
    }

    /// <summary>Apps share a listen address (one edge serves them) only by host name: see <see cref="ListenerShare"/>.</summary>
    private static void Share(EdgeSpec edge, string app, Dictionary<string, List<ListenerShare>> listens, ErrorList errors, Mark at, string key)
    {
        var share = new ListenerShare(app, edge.Hosts, edge.Tls);
        var sharing = listens.TryGetValue(edge.Listen, out var others) ? others : listens[edge.Listen] = [];
        foreach (var other in sharing)
        {
            if (share.ConflictWith(other, edge.Listen) is { } conflict)
            {
                errors.Add(at, key, $"app {app} listens on {edge.Listen}, as app {other.App} does: edge.{conflict.Field} {conflict.Reason}",
                    "a listen address of its own for each app, or edge.hosts on each app sharing one");
                return;
            }
        }

        sharing.Add(share);
    }

    private static List<(string Path, Mark At, int Index)> ReadEntries(string file, ErrorList errors)
    {
        YamlMappingNode? map = null;
        try
        {
            var stream = YamlNesting.Load(File.ReadAllText(file));
            map = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode;
            if (map is null)
                errors.Add(Mark.Empty, "", "the file is empty or not a mapping", Expected);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(Mark.Empty, "", $"cannot read the file: {e.Message}");
        }
        catch (YamlNestingException e)
        {
            errors.Add(e.Start, "", $"found {e.Found}", NestingLimit.Expected);
        }
        catch (YamlException e)
        {
            errors.Add(e.Start, "", $"invalid YAML: {e.Message}");
        }
        if (map is null)
            return [];
        foreach (var key in map.Children.Keys.Where(k => k is not YamlScalarNode { Value: "apps" }))
            errors.Add(key.Start, key.ToString(), "is not a workspace key", "apps");
        if (!map.Children.TryGetValue("apps", out var apps) || apps is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            errors.Add(map.Start, "apps", "is missing or empty", "a list of manifest paths such as shop/greenlight.yaml");
            return [];
        }
        var entries = new List<(string, Mark, int)>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (list.Children[i] is YamlScalarNode { Value: { Length: > 0 } value } item)
                entries.Add((value, item.Start, i));
            else
                errors.Add(list.Children[i].Start, $"apps[{i}]", "is not a path", "a manifest path such as shop/greenlight.yaml");
        }
        return entries;
    }
}

/// <summary>A workspace, or every problem found in it and in its manifests.</summary>
public sealed record WorkspaceResult(Workspace? Workspace, IReadOnlyList<ManifestError> Errors)
{
    public Workspace GetOrThrow() => Workspace ?? throw new ManifestException(Errors);
}
