using Greenlight.Core.Files;

namespace Greenlight.Scanning.Trees;

/// <summary>Which files of a tree a scanner reads.</summary>
/// <param name="Wanted">By full path, e.g. by extension; special files are reported only when wanted.</param>
/// <param name="FollowFileLinks">Read a symlinked file (when it leads to a regular file) rather than skip it.</param>
internal sealed record TreeFilter(IReadOnlySet<string> SkippedDirectories, Func<string, bool> Wanted, bool FollowFileLinks = false);

/// <summary>
/// The regular files of a tree, in path order, for every scanner. Symlinked folders are not entered: they can loop
/// or leave the tree. Special files are recorded in the gaps and never opened.
/// </summary>
internal static class SourceTree
{
    public static IEnumerable<(string FullPath, string RelativePath)> Files(string root, TreeFilter filter, TreeGaps gaps, CancellationToken ct)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var dir = pending.Pop();
            if (!gaps.TryRead(Relative(root, dir), () => Entries(dir), out var entries))
                continue;
            foreach (var sub in entries.Directories)
            {
                if (!filter.SkippedDirectories.Contains(Path.GetFileName(sub)) && FileKinds.Of(sub) == FileKind.Directory)
                    pending.Push(sub);
            }
            foreach (var file in entries.Files)
            {
                if (!filter.Wanted(file))
                    continue;
                var kind = FileKinds.Of(file);
                if (kind == FileKind.Symlink && filter.FollowFileLinks)
                    kind = FileKinds.TargetOf(file);
                if (kind == FileKind.Special)
                    gaps.Skip(Relative(root, file), FileKinds.SpecialReason);
                // Unknown: the read that follows fails and says why, so the file is reported, not passed over.
                else if (kind is FileKind.Regular or FileKind.Unknown)
                    yield return (file, Relative(root, file));
            }
        }
    }

    /// <summary>The one file <paramref name="path"/> names, when a scanner is pointed at a file rather than a tree.</summary>
    /// <exception cref="InvalidDataException">It is a FIFO, socket or device: a gate pointed at it cannot pass blind.</exception>
    public static bool IsSingleFile(string path)
    {
        var kind = FileKinds.TargetOf(path);
        if (kind == FileKind.Special)
            throw new InvalidDataException($"{path} is {FileKinds.SpecialReason}");
        return kind == FileKind.Regular;
    }

    private static (List<string> Directories, List<string> Files) Entries(string dir) =>
        // Listed in full before anything is read, so that an unreadable folder is reported once, not half-walked.
        ([.. Directory.EnumerateDirectories(dir).OrderDescending(StringComparer.Ordinal)], [.. Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal)]);

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
