using Semver;

namespace Greenlight.Scanning.Dependencies;

/// <summary>npm ordering: SemVer 2 precedence, where 1.0.0-rc.1 sorts before 1.0.0.</summary>
internal sealed class NpmVersionScheme : IVersionScheme
{
    public string Ecosystem => Ecosystems.Npm;

    public StringComparer NameComparer => StringComparer.Ordinal;

    public bool TryCompare(string left, string right, out int result)
    {
        result = 0;
        if (!TryParse(left, out var l) || !TryParse(right, out var r))
        {
            return false;
        }
        result = l.ComparePrecedenceTo(r);
        return true;
    }

    private static bool TryParse(string text, out SemVersion version)
    {
        // Lock files hold strict versions; the lenient fallback accepts a leading "v" that some
        // advisories carry, but still rejects ranges, tags and URLs.
        if (SemVersion.TryParse(text, SemVersionStyles.Strict, out var strict))
        {
            version = strict;
            return true;
        }
        if (SemVersion.TryParse(text.Trim(), SemVersionStyles.AllowV, out var lenient))
        {
            version = lenient;
            return true;
        }
        version = null!;
        return false;
    }
}
