namespace Greenlight.Scanning.Dependencies;

/// <summary>The registered readers, grouped by ecosystem.</summary>
internal static class PackageReaders
{
    public static IReadOnlyList<IPackageReader> All { get; } =
    [
        new NuGetLockReader(),
        new CsprojReader(),
        new NpmLockReader(),
    ];

    public static ILookup<string, IPackageReader> ByEcosystem { get; } =
        All.ToLookup(r => r.Ecosystem, StringComparer.OrdinalIgnoreCase);
}
