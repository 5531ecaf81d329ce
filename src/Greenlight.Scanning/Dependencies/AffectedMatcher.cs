namespace Greenlight.Scanning.Dependencies;

/// <summary>
/// Decides whether a version is affected, following the OSV evaluation algorithm: per range,
/// events sorted by version, "introduced" opens, "fixed" closes at that version,
/// "last_affected" closes after it; any matching range or explicit version makes it affected.
/// </summary>
internal static class AffectedMatcher
{
    public static bool IsAffected(OsvAffected affected, string version, IVersionScheme scheme, out string? fixedVersion)
    {
        fixedVersion = null;
        var listed = affected.Versions.Any(v => Same(v, version, scheme));
        if (!scheme.TryCompare(version, version, out _))
        {
            // A version we cannot order (a git URL, a tag) can only match the explicit list.
            return listed;
        }
        foreach (var range in affected.Ranges)
        {
            // GIT ranges hold commit hashes, which say nothing about a package version.
            if (range.Type is not ("ECOSYSTEM" or "SEMVER"))
            {
                continue;
            }
            if (InRange(range, version, scheme))
            {
                fixedVersion ??= FirstFixAbove(range, version, scheme);
                return true;
            }
        }
        return listed;
    }

    private static bool InRange(OsvRange range, string version, IVersionScheme scheme)
    {
        var affected = false;
        foreach (var e in Sorted(range.Events, scheme))
        {
            switch (e.Kind)
            {
                case OsvEventKind.Introduced when e.Version == "0" || Compare(version, e.Version, scheme) >= 0:
                    affected = true;
                    break;
                case OsvEventKind.Fixed when Compare(version, e.Version, scheme) >= 0:
                case OsvEventKind.LastAffected when Compare(version, e.Version, scheme) > 0:
                    affected = false;
                    break;
                case OsvEventKind.Limit when Compare(version, e.Version, scheme) >= 0:
                    return false;
            }
        }
        return affected;
    }

    private static string? FirstFixAbove(OsvRange range, string version, IVersionScheme scheme) =>
        Sorted(range.Events, scheme)
            .FirstOrDefault(e => e.Kind == OsvEventKind.Fixed && Compare(version, e.Version, scheme) < 0)?.Version;

    // "0" is OSV's "from the beginning" and never parses as a real version, so it sorts first.
    private static IEnumerable<OsvEvent> Sorted(IReadOnlyList<OsvEvent> events, IVersionScheme scheme) =>
        events.Where(e => e.Version == "0" || scheme.TryCompare(e.Version, e.Version, out _))
            .Order(Comparer<OsvEvent>.Create((a, b) =>
                a.Version == "0" ? (b.Version == "0" ? 0 : -1)
                : b.Version == "0" ? 1
                : Compare(a.Version, b.Version, scheme)));

    private static bool Same(string listed, string version, IVersionScheme scheme) =>
        scheme.TryCompare(listed, version, out var c) ? c == 0 : listed == version;

    // Both sides were checked to parse before comparing; -1 only guards against a scheme change.
    private static int Compare(string a, string b, IVersionScheme scheme) =>
        scheme.TryCompare(a, b, out var c) ? c : -1;
}
