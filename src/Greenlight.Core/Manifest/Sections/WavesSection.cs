using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary>The <c>waves</c> of an environment: every region in exactly one wave; absent, one wave per region in order.</summary>
internal static class WavesSection
{
    /// <param name="regions">The region names read, valid or not otherwise, so that a bad edge is not also a bad wave.</param>
    public static IReadOnlyList<IReadOnlyList<string>> Read(NodeReader r, IReadOnlyCollection<string> regions)
    {
        if (!r.Has("waves"))
            return [.. regions.Select(name => (IReadOnlyList<string>)[name])];
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var region = ManifestValues.PlaceName
            .Where(regions.Contains, "a region of this environment: " + string.Join(", ", regions))
            .Where(placed.Add, "a region no earlier wave lists: each region is in exactly one wave");
        var waves = r.ScalarLists("waves", region);
        // Without any readable wave, the error about the list says it all.
        var missing = regions.Where(name => !placed.Contains(name)).ToList();
        if (missing.Count > 0 && waves.Count > 0)
            r.Report("waves", $"found no wave for {string.Join(", ", missing)}", "every region of the environment in exactly one wave");
        return waves;
    }
}
