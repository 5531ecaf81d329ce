using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary><c>environments</c>, in promotion order; names and listen addresses are unique across all of them.</summary>
internal static class EnvironmentsSection
{
    public static IReadOnlyList<EnvironmentSpec> Read(NodeReader r, EdgeSpec? topEdge, string baseDirectory)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var claims = new ListenClaims();
        return r.List("environments", (environment, index) => EnvironmentSection.Read(environment, index, topEdge, names, claims, baseDirectory), nonEmpty: true);
    }
}
