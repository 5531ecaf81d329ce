namespace Greenlight.Scanning.Secrets;

/// <summary>Enumerates the text files of a working tree worth scanning.</summary>
internal static class TreeWalker
{
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

}
