namespace Greenlight.Scanning.Iac;

/// <summary>The plan and manifest candidates of a tree: *.json, *.yaml and *.yml files.</summary>
internal static class IacFiles
{
    // VCS data, installed packages, build output and Greenlight's own state are not the project's infrastructure.
    private static readonly HashSet<string> SkippedDirectories =
        new(StringComparer.Ordinal) { ".git", "node_modules", "bin", "obj", ".greenlight" };

    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".json", ".yaml", ".yml" };

    public static IEnumerable<(string FullPath, string RelativePath)> Under(string root)
    {
        if (File.Exists(root))
        {
            yield return (root, Path.GetFileName(root));
            yield break;
        }
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            // Symlinks are not followed: they can loop or leave the tree, and their target is scanned where it lives.
            foreach (var sub in Directory.EnumerateDirectories(dir).OrderDescending(StringComparer.Ordinal))
            {
                if (!SkippedDirectories.Contains(Path.GetFileName(sub)) && new DirectoryInfo(sub).LinkTarget is null) pending.Push(sub);
            }
            foreach (var file in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
            {
                if (Extensions.Contains(Path.GetExtension(file)) && new FileInfo(file).LinkTarget is null)
                    yield return (file, Path.GetRelativePath(root, file).Replace('\\', '/'));
            }
        }
    }

    public static bool IsYaml(string path) => !Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);
}
