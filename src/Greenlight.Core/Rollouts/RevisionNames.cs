namespace Greenlight.Core.Rollouts;

/// <summary>
/// A revision is named after its version; a second revision of the same version, started because the manifest changed
/// (a config release), is named <c>version@digest</c>. '@' cannot occur in a version, so the name always tells both.
/// </summary>
public static class RevisionNames
{
    public const char Separator = '@';

    /// <summary>How many hex digits of the manifest digest a config release's revision name carries.</summary>
    public const int DigestLength = 7;

    public static string ForConfigRelease(string version, string digest) => $"{version}{Separator}{digest[..DigestLength]}";

    public static string VersionOf(string revision) =>
        revision.IndexOf(Separator) is var at and >= 0 ? revision[..at] : revision;
}
