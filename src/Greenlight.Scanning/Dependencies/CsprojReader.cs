using System.Xml.Linq;
using Greenlight.Core.Parsing;
using NuGet.Versioning;

namespace Greenlight.Scanning.Dependencies;

/// <summary>
/// Fallback for projects without packages.lock.json: PackageReference items, with versions from
/// the nearest Directory.Packages.props when central package management is used. Only direct
/// packages are known this way; transitive ones need a lock file.
/// </summary>
internal sealed class CsprojReader : IPackageReader
{
    public string Ecosystem => Ecosystems.NuGet;

    public bool CanRead(string path) =>
        path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
        && !File.Exists(Path.Combine(Path.GetDirectoryName(path) ?? ".", "packages.lock.json"));

    public IEnumerable<ResolvedPackage> Read(string path)
    {
        var central = CentralVersions(Path.GetDirectoryName(Path.GetFullPath(path))!);
        foreach (var item in XmlNesting.Load(path).Descendants().Where(e => e.Name.LocalName == "PackageReference"))
        {
            // Update items only modify a reference declared elsewhere, so Include alone names a package.
            var name = Attr(item, "Include");
            var spec = Attr(item, "VersionOverride") ?? Attr(item, "Version")
                ?? (name is not null && central.TryGetValue(name, out var c) ? c : null);
            if (name is not null && spec is not null && Lowest(spec) is { } version)
            {
                yield return new ResolvedPackage(Ecosystem, name, version, path, Direct: true);
            }
        }
    }

    // A range like "[1.2.0, 2.0)" restores to its lower bound when that version exists on the feed,
    // which is the best offline guess without a lock file.
    private static string? Lowest(string spec) =>
        NuGetVersion.TryParse(spec, out var exact) ? exact.ToNormalizedString()
        : VersionRange.TryParse(spec, out var range) && range.MinVersion is { } min ? min.ToNormalizedString()
        : null;

    private static Dictionary<string, string> CentralVersions(string directory)
    {
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var props = Path.Combine(dir.FullName, "Directory.Packages.props");
            if (!File.Exists(props))
            {
                continue;
            }
            foreach (var item in XmlNesting.Load(props).Descendants().Where(e => e.Name.LocalName == "PackageVersion"))
            {
                if ((Attr(item, "Include") ?? Attr(item, "Update")) is { } name && Attr(item, "Version") is { } v)
                {
                    versions[name] = v;
                }
            }
            break; // MSBuild imports only the nearest one unless it imports its parent explicitly.
        }
        return versions;
    }

    // MSBuild allows metadata as an attribute or as a child element.
    private static string? Attr(XElement e, string name) =>
        (string?)e.Attribute(name) ?? e.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value.Trim();
}
