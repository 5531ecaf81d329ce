using System.Globalization;
using System.Text.RegularExpressions;
using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary>The scalar kinds of <c>environments</c>: names of places and deployment windows.</summary>
internal static partial class ManifestValues
{
    /// <summary>Names of environments and regions: they appear in CLI flags, so they never start with '-'.</summary>
    public static readonly Scalar<string> PlaceName = Scalars.Matching(
        PlaceNamePattern(), "a name of lowercase letters, digits and '-', 1 to 40 characters, not starting with '-'");

    public static readonly Scalar<DayOfWeek> Day = new(
        "a day: mon, tue, wed, thu, fri, sat or sun",
        (string text, out DayOfWeek day) =>
        {
            var named = Enum.GetValues<DayOfWeek>().Where(d => DeploymentWindow.DayName(d).Equals(text, StringComparison.OrdinalIgnoreCase)).ToList();
            day = named.FirstOrDefault();
            return named.Count == 1;
        });

    public static readonly Scalar<(TimeSpan Opens, TimeSpan Closes)> Hours = new Scalar<(TimeSpan Opens, TimeSpan Closes)>(
            "a range of times HH:MM-HH:MM such as 09:00-16:00 (22:00-02:00 runs overnight, 24:00 is the end of a day)",
            TryParseHours)
        .Where(hours => hours.Opens != hours.Closes, "a range that opens and closes at different times");

    public static readonly Scalar<string> TimeZoneId = Scalars
        .Matching(TimeZonePattern(), "an IANA time zone id such as Europe/Berlin or UTC")
        .Where(IsKnownTimeZone, "a time zone id this machine knows (see /usr/share/zoneinfo), such as Europe/Berlin or UTC");

    private static bool TryParseHours(string text, out (TimeSpan Opens, TimeSpan Closes) hours)
    {
        hours = default;
        var match = HoursPattern().Match(text);
        if (!match.Success)
            return false;
        TimeSpan At(int group) => new(int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[group + 1].Value, CultureInfo.InvariantCulture), 0);
        hours = (At(1), At(3));
        return hours.Opens < TimeSpan.FromHours(24) && hours.Closes <= TimeSpan.FromHours(24);
    }

    private static bool IsKnownTimeZone(string id)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,39}\z")]
    private static partial Regex PlaceNamePattern();

    // Hours 00-23 and minutes 00-59, or exactly 24:00.
    [GeneratedRegex(@"^([01][0-9]|2[0-3]|24(?=:00)):([0-5][0-9])-([01][0-9]|2[0-3]|24(?=:00)):([0-5][0-9])\z")]
    private static partial Regex HoursPattern();

    // Zone ids are file names under /usr/share/zoneinfo: refusing dots keeps them inside it.
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*\z")]
    private static partial Regex TimeZonePattern();
}
