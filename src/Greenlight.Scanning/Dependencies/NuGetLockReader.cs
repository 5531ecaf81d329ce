using System.Text.Json;
using Greenlight.Scanning.Text;

namespace Greenlight.Scanning.Dependencies;

/// <summary>
/// NuGet packages.lock.json: one section per target framework, each listing direct and transitive
/// packages with the version restore resolved. A package appears once even if several TFMs use it
/// at the same version; different versions across TFMs are all reported.
/// </summary>
internal sealed class NuGetLockReader : IPackageReader
{
    public string Ecosystem => Ecosystems.NuGet;

    public bool CanRead(string path) =>
        Path.GetFileName(path).Equals("packages.lock.json", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ResolvedPackage> Read(string path)
    {
        using var doc = JsonDocument.Parse(TextDecoding.Decode(path, File.ReadAllBytes(path)));
        if (!doc.RootElement.TryGetProperty("dependencies", out var frameworks))
        {
            return [];
        }
        var seen = new Dictionary<(string, string), ResolvedPackage>();
        foreach (var tfm in frameworks.EnumerateObject())
        {
            foreach (var dep in tfm.Value.EnumerateObject())
            {
                var type = OsvParser.Str(dep.Value, "type");
                // "Project" entries are sibling projects in the solution, not packages from a feed.
                if (type == "Project" || OsvParser.Str(dep.Value, "resolved") is not { } version)
                {
                    continue;
                }
                var key = (dep.Name.ToLowerInvariant(), version.ToLowerInvariant());
                var direct = type == "Direct";
                if (!seen.TryGetValue(key, out var known) || (direct && !known.Direct))
                {
                    seen[key] = new ResolvedPackage(Ecosystem, dep.Name, version, path, direct);
                }
            }
        }
        return seen.Values.ToList();
    }
}
