using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary>A deployment window: the zone is required, since the same hours mean different instants in each.</summary>
internal static class WindowSection
{
    private static readonly IReadOnlyList<DayOfWeek> EveryDay =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static DeploymentWindow? Read(NodeReader r)
    {
        var listed = new HashSet<DayOfWeek>();
        var days = r.Has("days") ? r.ScalarList("days", ManifestValues.Day.Where(listed.Add, "a day not listed before"), nonEmpty: true) : EveryDay;
        var (opens, closes) = r.Optional("hours", ManifestValues.Hours, (TimeSpan.Zero, TimeSpan.FromHours(24)));
        var zone = r.Required("timeZone", ManifestValues.TimeZoneId);
        return zone is null ? null : new DeploymentWindow(days, opens, closes, zone);
    }
}
