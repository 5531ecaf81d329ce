using System.Text.Json;
using System.Xml;
using Greenlight.Scanning.Trees;

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

    // A symlinked lock file is read: its target may live outside the tree, and the gate must not pass it unread.
    private static readonly TreeFilter Filter = new(SkippedDirectories, f => PackageReaders.All.Any(r => r.CanRead(f)), FollowFileLinks: true);

    private readonly OsvDatabase database;

    public DependencyScanner(OsvDatabase database) => this.database = database;

    /// <summary>Resolved packages of every supported manifest under <paramref name="root"/> (or of that one file).</summary>
    /// <param name="gaps">Receives what was not read; without it, a manifest that cannot be read fails the scan.</param>
    public static IReadOnlyList<ResolvedPackage> ReadPackages(string root, TreeGaps? gaps = null, CancellationToken ct = default)
    {
        var recorded = gaps ?? new TreeGaps();
        var files = SourceTree.IsSingleFile(root) ? [(root, Path.GetFileName(root))] : SourceTree.Files(root, Filter, recorded, ct);
        var packages = new List<ResolvedPackage>();
        foreach (var (file, relative) in files)
        {
            foreach (var reader in PackageReaders.All.Where(r => r.CanRead(file)))
            {
                try
                {
                    if (recorded.TryRead(relative, () => reader.Read(file).ToList(), out var read))
                        packages.AddRange(read!);
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
        if (gaps is null)
            recorded.ThrowIfIncomplete();
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
}
