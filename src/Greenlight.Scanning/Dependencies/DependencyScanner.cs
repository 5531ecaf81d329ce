using System.Text.Json;
using System.Xml;

namespace Greenlight.Scanning.Dependencies;

/// <summary>
/// Finds manifests under a directory, reads their resolved packages and matches them against an
/// offline OSV database. Entry point of the dependency scanner.
/// </summary>
public sealed class DependencyScanner
{
    // Installed or built output is not what the project declares, and is huge.
    private static readonly HashSet<string> SkippedDirectories =
        new(StringComparer.Ordinal) { "node_modules", "bin", "obj", ".git" };

    private readonly OsvDatabase database;

    public DependencyScanner(OsvDatabase database) => this.database = database;

    /// <summary>Resolved packages of every supported manifest under <paramref name="root"/> (or of that one file).</summary>
    public static IReadOnlyList<ResolvedPackage> ReadPackages(string root)
    {
        var files = File.Exists(root) ? [root] : Walk(root);
        var packages = new List<ResolvedPackage>();
        foreach (var file in files)
        {
            foreach (var reader in PackageReaders.All.Where(r => r.CanRead(file)))
            {
                try
                {
                    packages.AddRange(reader.Read(file));
                }
                // A manifest we cannot read must fail the scan: skipping it would pass the gate blind.
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"{file}:{ex.LineNumber + 1}:{ex.BytePositionInLine + 1}: cannot read: {ex.Message}", ex);
                }
                catch (XmlException ex)
                {
                    throw new InvalidDataException($"{file}:{ex.LineNumber}:{ex.LinePosition}: cannot read: {ex.Message}", ex);
                }
            }
        }
        return packages;
    }

    /// <summary>Vulnerability findings for every package under <paramref name="root"/>, sorted by severity.</summary>
    public IReadOnlyList<DependencyFinding> Scan(string root) => Match(ReadPackages(root));

    /// <summary>Vulnerability findings for packages already read, sorted by severity.</summary>
    public IReadOnlyList<DependencyFinding> Match(IEnumerable<ResolvedPackage> packages) =>
        packages
            .SelectMany(database.Match)
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Package, StringComparer.OrdinalIgnoreCase)
            .ThenBy(f => f.VulnerabilityId, StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<string> Walk(string directory)
    {
        var pending = new Stack<string>();
        pending.Push(directory);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
            {
                yield return file;
            }
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                // Symlinked folders are skipped: they can loop, and their target is scanned where it lives.
                if (!SkippedDirectories.Contains(Path.GetFileName(sub)) && new DirectoryInfo(sub).LinkTarget is null)
                {
                    pending.Push(sub);
                }
            }
        }
    }
}
