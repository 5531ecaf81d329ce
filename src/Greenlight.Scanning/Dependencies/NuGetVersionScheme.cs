using NuGet.Versioning;

namespace Greenlight.Scanning.Dependencies;

/// <summary>NuGet ordering via NuGetVersion: handles 4-part legacy versions and SemVer 2 prereleases.</summary>
internal sealed class NuGetVersionScheme : IVersionScheme
{
    public string Ecosystem => Ecosystems.NuGet;

    public StringComparer NameComparer => StringComparer.OrdinalIgnoreCase;

    public bool TryCompare(string left, string right, out int result)
    {
        result = 0;
        if (!NuGetVersion.TryParse(left, out var l) || !NuGetVersion.TryParse(right, out var r))
        {
            return false;
        }
        // Metadata (+build) is ignored by NuGet when resolving, so ignore it when comparing too.
        result = VersionComparer.Default.Compare(l, r);
        return true;
    }
}
