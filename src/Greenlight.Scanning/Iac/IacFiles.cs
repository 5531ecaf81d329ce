using Greenlight.Scanning.Trees;

namespace Greenlight.Scanning.Iac;

/// <summary>The plan and manifest candidates of a tree: *.json, *.yaml and *.yml files.</summary>
internal static class IacFiles
{
    // VCS data, installed packages, build output and Greenlight's own state are not the project's infrastructure.
    private static readonly HashSet<string> SkippedDirectories =
        new(StringComparer.Ordinal) { ".git", "node_modules", "bin", "obj", ".greenlight" };

    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".json", ".yaml", ".yml" };

    // Symlinked files are not read: their target is scanned where it lives.
    private static readonly TreeFilter Filter = new(SkippedDirectories, f => Extensions.Contains(Path.GetExtension(f)));

    public static IEnumerable<(string FullPath, string RelativePath)> Under(string root, TreeGaps gaps, CancellationToken ct) =>
        SourceTree.IsSingleFile(root) ? [(root, Path.GetFileName(root))] : SourceTree.Files(root, Filter, gaps, ct);

    public static bool IsYaml(string path) => !Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);
}
