namespace Greenlight.Scanning.Dependencies;

/// <summary>Looks up the version scheme of an ecosystem; add a scheme here to support a new one.</summary>
internal static class VersionSchemes
{
    private static readonly Dictionary<string, IVersionScheme> ByEcosystem =
        new IVersionScheme[] { new NuGetVersionScheme(), new NpmVersionScheme() }
            .ToDictionary(s => s.Ecosystem, StringComparer.OrdinalIgnoreCase);

    public static IVersionScheme? Find(string ecosystem) =>
        ByEcosystem.TryGetValue(ecosystem, out var scheme) ? scheme : null;
}
