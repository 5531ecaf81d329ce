using System.Text;

namespace Greenlight.Scanning.Secrets;

/// <summary>Enumerates the text files of a working tree worth scanning.</summary>
internal static class TreeWalker
{
    private const int SniffBytes = 8000; // same heuristic as git: a NUL in the first 8000 bytes means binary

    public static IEnumerable<(string FullPath, string RelativePath)> Files(string root, SecretScanOptions options)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            // Symlinked directories are not followed: they can loop or leave the tree.
            foreach (var sub in Directory.EnumerateDirectories(dir).OrderByDescending(d => d, StringComparer.Ordinal))
            {
                var info = new DirectoryInfo(sub);
                if (info.LinkTarget is null && !options.SkippedDirectories.Contains(info.Name)) pending.Push(sub);
            }
            foreach (var file in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                if (info.LinkTarget is not null || info.Length > options.MaxFileBytes) continue;
                yield return (file, Path.GetRelativePath(root, file).Replace('\\', '/'));
            }
        }
    }

    /// <summary>The file's text, or null when it is binary.</summary>
    public static string? ReadText(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan(0, Math.Min(bytes.Length, SniffBytes)).IndexOf((byte)0) >= 0) return null;
        return Encoding.UTF8.GetString(bytes);
    }
}
