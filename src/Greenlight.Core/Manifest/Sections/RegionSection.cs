using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

internal static class RegionSection
{
    /// <param name="names">The names of the environment's regions read so far, in order.</param>
    public static RegionSpec? Read(NodeReader r, string? environment, ICollection<string> names, ListenClaims claims, string baseDirectory)
    {
        var name = r.Required("name", ManifestValues.PlaceName);
        if (name is not null && names.Contains(name))
            r.Report("name", $"found \"{name}\" a second time", "a name no other region of this environment uses");
        else if (name is not null)
            names.Add(name);
        var edge = r.RequiredMap("edge", e => ClaimedEdge(e, $"region {environment}/{name}", claims, baseDirectory));
        return name is null || edge is null ? null : new RegionSpec(name, edge);
    }

    private static EdgeSpec? ClaimedEdge(NodeReader r, string owner, ListenClaims claims, string baseDirectory)
    {
        var edge = EdgeSection.Read(r, baseDirectory);
        if (edge is not null && edge.Router != EdgeSpec.EdgeRouter)
            r.Report("router", $"found \"{edge.Router}\" on a region's edge", $"\"{EdgeSpec.EdgeRouter}\": a region runs the embedded edge; the haproxy router serves an app's top-level edge only");
        if (edge is not null && claims.Claim(edge.Listen, owner) is { } taken)
            r.Report("listen", $"found {YamlText.Quote(edge.Listen)}, which {taken} listens on already", "an address of its own: each region runs its own edge");
        return edge;
    }
}
