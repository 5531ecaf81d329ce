using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

internal static class StrategySection
{
    /// <summary>An absent <c>strategy</c> means blue-green with its defaults; a present one must name exactly one.</summary>
    public static StrategySpec Read(NodeReader r)
    {
        var chosen = r.IsPresent ? r.ExactlyOne("no strategy", "blueGreen", "canary") : [];
        var canary = chosen.Contains("canary") ? r.Map("canary", CanarySection.Read) : null;

        // Blue-green is read for its defaults unless canary was chosen: the rollout machine takes whichever is set.
        var blueGreen = chosen.Contains("blueGreen") || !chosen.Contains("canary") ? r.Map("blueGreen", ReadBlueGreen) : null;
        return new StrategySpec(blueGreen, canary);
    }

    private static BlueGreenSpec ReadBlueGreen(NodeReader r) =>
        new(r.Optional("warmFor", Scalars.DurationOrZero, TimeSpan.FromHours(24)));
}
