using System.Text.Json;
using Greenlight.Scanning.Text;

namespace Greenlight.Scanning.Dependencies;

/// <summary>
/// npm package-lock.json. v2 and v3 list every installed package in a flat "packages" map keyed by
/// its node_modules path (nested paths for duplicates); v1 has only the recursive "dependencies"
/// tree. v2 carries both, and the "packages" map is the authoritative one.
/// </summary>
internal sealed class NpmLockReader : IPackageReader
{
    private const string NodeModules = "node_modules/";

    public string Ecosystem => Ecosystems.Npm;

    public bool CanRead(string path) =>
        Path.GetFileName(path).Equals("package-lock.json", StringComparison.Ordinal);

    public IEnumerable<ResolvedPackage> Read(string path)
    {
        using var doc = JsonDocument.Parse(TextDecoding.Decode(path, File.ReadAllBytes(path)));
        var root = doc.RootElement;
        var result = new List<ResolvedPackage>();
        if (root.TryGetProperty("packages", out var packages) && packages.ValueKind == JsonValueKind.Object)
        {
            ReadPackagesMap(packages, path, result);
        }
        else if (root.TryGetProperty("dependencies", out var deps) && deps.ValueKind == JsonValueKind.Object)
        {
            ReadTree(deps, path, depth: 0, result);
        }
        return result.Distinct().ToList();
    }

    private void ReadPackagesMap(JsonElement packages, string path, List<ResolvedPackage> result)
    {
        foreach (var entry in packages.EnumerateObject())
        {
            var at = entry.Name.LastIndexOf(NodeModules, StringComparison.Ordinal);
            // "" is the root project; keys without node_modules/ are workspace folders, and
            // links point at them, so neither is an installed registry package.
            if (at < 0 || IsTrue(entry.Value, "link") || OsvParser.Str(entry.Value, "version") is not { } version)
            {
                continue;
            }
            // Aliased installs ("alias": "npm:real@1.0.0") record the real package name in "name".
            var name = OsvParser.Str(entry.Value, "name") ?? entry.Name[(at + NodeModules.Length)..];
            // Top-level node_modules/x is what the root depends on (or hoisted); nested paths are transitive.
            var direct = at == 0;
            result.Add(new ResolvedPackage(Ecosystem, name, version, path, direct));
        }
    }

    private void ReadTree(JsonElement deps, string path, int depth, List<ResolvedPackage> result)
    {
        foreach (var dep in deps.EnumerateObject())
        {
            if (OsvParser.Str(dep.Value, "version") is { } version && !version.StartsWith("file:", StringComparison.Ordinal))
            {
                // v1 writes aliases as "npm:real@1.0.0" in the version field.
                var (name, resolved) = version.StartsWith("npm:", StringComparison.Ordinal)
                    ? SplitAlias(version[4..])
                    : (dep.Name, version);
                result.Add(new ResolvedPackage(Ecosystem, name, resolved, path, depth == 0));
            }
            if (dep.Value.TryGetProperty("dependencies", out var nested) && nested.ValueKind == JsonValueKind.Object)
            {
                ReadTree(nested, path, depth + 1, result);
            }
        }
    }

    // Scoped names start with "@", so the version separator is the last "@".
    private static (string, string) SplitAlias(string spec)
    {
        var at = spec.LastIndexOf('@');
        return at > 0 ? (spec[..at], spec[(at + 1)..]) : (spec, "");
    }

    private static bool IsTrue(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
