using System.Security.Cryptography;
using Greenlight.Core.Drift;
using Greenlight.Core.Targets;

namespace Greenlight.Engine.Drift;

/// <summary>
/// Hashes what a revision runs: every file under its working directory, in ordinal order, and its command and any file an
/// argument names when they lie outside it (<c>dotnet</c>, <c>/opt/app/server.js</c>). Skipped, as not code: directories
/// named <c>.greenlight</c> (state), <c>.git</c> and <c>logs</c>, the controller's state directory, and files ending in
/// <c>.log</c>. Symbolic links are recorded by their target, not followed. The walk is bounded (<see cref="MaxFiles"/>,
/// <see cref="MaxBytes"/>); a bound that stops it is named in <see cref="FileSet.Limit"/>.
/// </summary>
internal static class FileWalk
{
    public const int MaxFiles = 20_000;
    public const long MaxBytes = 1L << 30;

    private static readonly string[] SkippedDirectories = [".greenlight", ".git", "logs"];

    public static FileSet WhatRuns(RevisionSpec spec, string stateDirectory, CancellationToken ct)
    {
        var root = Path.GetFullPath(spec.WorkingDirectory);
        if (!Directory.Exists(root))
            return new FileSet(new Dictionary<string, string>(), Problem: $"the working directory {root} does not exist");
        var walk = new Walk(root, Path.GetFullPath(stateDirectory), ct);
        walk.Directory(root);
        foreach (var file in Outside(spec, root))
            walk.File(file, file);
        return new FileSet(walk.Files, walk.Limit);
    }

    /// <summary>The command (found on PATH when it names no directory) and the files arguments name, outside the root.</summary>
    private static IEnumerable<string> Outside(RevisionSpec spec, string root)
    {
        var command = spec.Command.Contains('/') ? Path.GetFullPath(spec.Command, root)
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, spec.Command)).FirstOrDefault(File.Exists);
        var candidates = spec.Args.Where(a => a.Length > 0 && !a.StartsWith('-')).Select(a => Path.GetFullPath(a, root)).Prepend(command);
        return candidates.OfType<string>().Where(p => File.Exists(p) && IsOutside(root, p)).Distinct(StringComparer.Ordinal);
    }

    private static bool IsOutside(string root, string path) =>
        Path.GetRelativePath(root, path) is var relative && (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal));

    private sealed class Walk(string root, string stateDirectory, CancellationToken ct)
    {
        private long _bytes;

        public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

        public string? Limit { get; private set; }

        public void Directory(string path)
        {
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(path).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Files[Name(path) + "/"] = $"unreadable: {e.GetType().Name}";
                return;
            }
            foreach (var entry in entries)
            {
                if (Limit is not null)
                    return;
                ct.ThrowIfCancellationRequested();
                if (entry.LinkTarget is { } target)
                    Files[Name(entry.FullName)] = $"link to {target}";
                else if (entry is DirectoryInfo dir)
                {
                    if (!SkippedDirectories.Contains(dir.Name) && dir.FullName != stateDirectory)
                        Directory(dir.FullName);
                }
                else if (!entry.Name.EndsWith(".log", StringComparison.Ordinal))
                    File(entry.FullName, Name(entry.FullName));
            }
        }

        public void File(string path, string name)
        {
            if (Files.Count >= MaxFiles)
            {
                Limit = $"the walk stopped at {MaxFiles} files: later files (in path order) are not covered";
                return;
            }
            try
            {
                var info = new FileInfo(System.IO.File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path);
                if (_bytes + info.Length > MaxBytes)
                {
                    Limit = $"the walk stopped at {MaxBytes >> 20} MiB of files: {name} and later files (in path order) are not covered";
                    return;
                }
                _bytes += info.Length;
                // An empty file needs no read, and a named pipe (size 0 too) must not be opened: it would wait for a writer.
                Files[name] = info.Length == 0 ? "empty" : Hash(info.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Files[name] = $"unreadable: {e.GetType().Name}";
            }
        }

        private static string Hash(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            return Convert.ToHexStringLower(SHA256.HashData(stream))[..32];
        }

        private string Name(string path) => Path.GetRelativePath(root, path);
    }
}
