using System.IO.Compression;

namespace Greenlight.Scanning.Dependencies;

/// <summary>
/// Offline OSV records, loaded from a directory of *.json files or a .zip of them (the format of
/// osv.dev's per-ecosystem all.zip exports), indexed by ecosystem and package name.
/// </summary>
public sealed class OsvDatabase
{
    private readonly Dictionary<string, Dictionary<string, List<(OsvRecord Record, OsvAffected Affected)>>> index =
        new(StringComparer.OrdinalIgnoreCase);

    private OsvDatabase(IReadOnlyList<OsvRecord> records)
    {
        foreach (var record in records)
        {
            foreach (var affected in record.Affected)
            {
                if (VersionSchemes.Find(affected.Ecosystem) is not { } scheme)
                {
                    continue;
                }
                if (!index.TryGetValue(scheme.Ecosystem, out var byName))
                {
                    index[scheme.Ecosystem] = byName = new(scheme.NameComparer);
                }
                if (!byName.TryGetValue(affected.Name, out var list))
                {
                    byName[affected.Name] = list = [];
                }
                list.Add((record, affected));
            }
        }
        Count = records.Count;
    }

    /// <summary>Number of records loaded.</summary>
    public int Count { get; }

    /// <summary>Loads every *.json under a directory (recursively) or inside a .zip file.</summary>
    public static OsvDatabase Load(string path)
    {
        if (Directory.Exists(path))
        {
            var records = Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories)
                .Select(f => { using var s = File.OpenRead(f); return Parse(s, f); })
                .ToList();
            return new OsvDatabase(records);
        }
        if (File.Exists(path))
        {
            using var zip = ZipFile.OpenRead(path);
            var records = zip.Entries
                .Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                .Select(e => { using var s = e.Open(); return Parse(s, $"{path}!{e.FullName}"); })
                .ToList();
            return new OsvDatabase(records);
        }
        throw new FileNotFoundException($"OSV database not found: {path}", path);
    }

    // A database with one corrupt record must fail loudly and say which record, not scan with a gap.
    private static OsvRecord Parse(Stream stream, string source)
    {
        try
        {
            return OsvParser.Parse(stream);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"Invalid OSV record {source}: {ex.Message}", ex);
        }
    }

    /// <summary>Every vulnerability that affects the package at its resolved version.</summary>
    public IReadOnlyList<DependencyFinding> Match(ResolvedPackage package)
    {
        if (VersionSchemes.Find(package.Ecosystem) is not { } scheme
            || !index.TryGetValue(scheme.Ecosystem, out var byName)
            || !byName.TryGetValue(package.Name, out var candidates))
        {
            return [];
        }
        var findings = new List<DependencyFinding>();
        foreach (var (record, affected) in candidates)
        {
            if (!AffectedMatcher.IsAffected(affected, package.Version, scheme, out var fix)
                || findings.Any(f => f.VulnerabilityId == record.Id))
            {
                continue;
            }
            findings.Add(new DependencyFinding(
                package.Ecosystem, package.Name, package.Version, package.File, record.Id,
                record.Aliases, affected.Severity ?? record.Severity, fix, record.Summary));
        }
        return findings;
    }
}
