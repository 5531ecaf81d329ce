using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

internal static class StrategySection
{
    // canary joins this list, and StrategySpec, with its own section reader.
    private static readonly string[] Strategies = ["blueGreen"];

    /// <summary>An absent <c>strategy</c> means blue-green with its defaults; a present one must name exactly one.</summary>
    public static StrategySpec Read(NodeReader r)
    {
        var blueGreen = r.Map("blueGreen", ReadBlueGreen);
        var chosen = Strategies.Where(r.Has).ToList();
        if (r.IsPresent && chosen.Count != 1)
        {
            var found = chosen.Count == 0 ? "no strategy" : string.Join(" and ", chosen);
            r.ReportHere($"found {found}", "exactly one of " + string.Join(", ", Strategies));
        }

        return new StrategySpec(blueGreen);
    }

    private static BlueGreenSpec ReadBlueGreen(NodeReader r) =>
        new(r.Optional("warmFor", Scalars.DurationOrZero, TimeSpan.FromHours(24)));
}
