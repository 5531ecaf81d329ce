using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary>One item of <c>environments</c>.</summary>
internal static class EnvironmentSection
{
    private static readonly Scalar<int> MaxParallel = Scalars.Int(1, 1000, "a number of regions");

    /// <param name="topEdge">The top-level edge: the one region of an environment that lists none.</param>
    /// <param name="names">The names of the environments read so far.</param>
    public static EnvironmentSpec? Read(NodeReader r, int index, EdgeSpec? topEdge, ISet<string> names, ListenClaims claims, string baseDirectory)
    {
        var name = r.Required("name", ManifestValues.PlaceName);
        if (name is not null && !names.Add(name))
            r.Report("name", $"found \"{name}\" a second time", "a name no other environment uses");
        var regionNames = new List<string>();
        var regions = r.Has("regions")
            ? r.List("regions", (region, _) => RegionSection.Read(region, name, regionNames, claims, baseDirectory), nonEmpty: true)
            : DefaultRegion(r, name, topEdge, claims, regionNames);
        var spec = new EnvironmentSpec(name ?? "", regions ?? [], WavesSection.Read(r, regionNames))
        {
            Promotion = ReadPromotion(r, index),
            Window = r.Has("window") ? r.Map("window", WindowSection.Read) : null,
            Soak = r.Optional("soak", Scalars.DurationOrZero, TimeSpan.Zero),
            HotfixSoak = r.Optional("hotfixSoak", Scalars.DurationOrZero, TimeSpan.Zero),
            MaxParallel = r.Has("maxParallel") ? r.Required("maxParallel", MaxParallel) : null,
            Bake = r.Optional("bake", Scalars.DurationOrZero, TimeSpan.Zero),
            OnFailure = r.Optional("onFailure", Scalars.OneOf("rollbackAll", "halt"), "rollbackAll") == "halt" ? FailurePolicy.Halt : FailurePolicy.RollbackAll,
            Approval = r.Has("approval") ? r.Map("approval", ApprovalSection.Read) : null,
            Overrides = r.Has("overrides") ? r.Map("overrides", o => OverridesSection.Read(o, baseDirectory)) ?? EnvironmentOverrides.None : EnvironmentOverrides.None,
        };
        return name is null || regions is null ? null : spec;
    }

    private static IReadOnlyList<RegionSpec>? DefaultRegion(NodeReader r, string? name, EdgeSpec? topEdge, ListenClaims claims, List<string> regionNames)
    {
        regionNames.Add(EnvironmentSpec.DefaultName);
        if (topEdge is null)
        {
            r.Report("regions", "found no regions and no top-level edge", "regions, or edge.listen at the top level for this environment's one region");
            return null;
        }

        if (claims.Claim(topEdge.Listen, $"region {name}/{EnvironmentSpec.DefaultName}") is { } taken)
            r.Report("regions", $"found no regions, so its one region would listen on the top-level edge {topEdge.Listen}, which {taken} listens on already", "regions with edges of their own");
        return [new RegionSpec(EnvironmentSpec.DefaultName, topEdge)];
    }

    private static PromotionMode ReadPromotion(NodeReader r, int index)
    {
        var manual = r.Optional("promotion", Scalars.OneOf("auto", "manual"), "auto") == "manual";
        if (manual && index == 0)
            r.Report("promotion", "found manual on the first environment, which a release enters by `greenlight deploy`", "auto, or promotion only on later environments");
        return manual ? PromotionMode.Manual : PromotionMode.Auto;
    }
}
