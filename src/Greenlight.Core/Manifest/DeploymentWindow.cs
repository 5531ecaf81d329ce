namespace Greenlight.Core.Manifest;

/// <summary>
/// When a stage may start its waves: on <see cref="Days"/>, from <see cref="Opens"/> to <see cref="Closes"/> by the
/// wall clock of <see cref="TimeZone"/>, so a window follows its zone's daylight saving changes. A range that closes
/// before it opens runs overnight and belongs to the day it opens on: fri 22:00-02:00 is Friday 22:00 to Saturday 02:00.
/// </summary>
/// <param name="Opens">Time of day, 00:00 to 23:59.</param>
/// <param name="Closes">Time of day, 00:01 to 24:00, other than <paramref name="Opens"/>.</param>
/// <param name="TimeZone">An IANA time zone id such as Europe/Berlin, kept as text so that the window persists as data.</param>
public sealed record DeploymentWindow(IReadOnlyList<DayOfWeek> Days, TimeSpan Opens, TimeSpan Closes, string TimeZone)
{
    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Zone).DateTime;
        var time = local.TimeOfDay;
        return Opens < Closes
            ? Days.Contains(local.DayOfWeek) && time >= Opens && time < Closes
            : (Days.Contains(local.DayOfWeek) && time >= Opens) || (Days.Contains(local.AddDays(-1).DayOfWeek) && time < Closes);
    }

    /// <summary><paramref name="now"/> when the window is open, else the first instant it opens; null if it never does.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset now)
    {
        if (IsOpen(now))
            return now;
        var zone = Zone;
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;

        // Yesterday's opening counts too: an overnight range may still be ahead of a clock set back after it.
        return Enumerable.Range(-1, 9)
            .Select(offset => today.AddDays(offset))
            .Where(day => Days.Contains(day.DayOfWeek))
            .SelectMany(day => InstantsShowing(zone, day + Opens))
            .Where(at => at > now && IsOpen(at))
            .Order()
            .Select(at => (DateTimeOffset?)at)
            .FirstOrDefault();
    }

    /// <summary>For example <c>mon,tue,wed,thu 09:00-16:00 Europe/Berlin</c>.</summary>
    public override string ToString()
    {
        var days = Days.Count == 7 ? "every day" : string.Join(",", Days.Select(DayName));
        return $"{days} {Clock(Opens)}-{Clock(Closes)} {TimeZone}";
    }

    /// <summary>How the manifest spells a day: mon, tue … sun.</summary>
    public static string DayName(DayOfWeek day) => day.ToString()[..3].ToLowerInvariant();

    public static string Clock(TimeSpan time) => $"{(int)time.TotalHours:00}:{time.Minutes:00}";

    /// <summary>
    /// The instants at which the zone's wall clock shows <paramref name="local"/>: one, or two when the clock is set
    /// back over it; when the clock jumps over it, the instant of the jump, the first at which the clock shows later.
    /// </summary>
    private static IEnumerable<DateTimeOffset> InstantsShowing(TimeZoneInfo zone, DateTime local)
    {
        if (zone.IsAmbiguousTime(local))
            return zone.GetAmbiguousTimeOffsets(local).Select(offset => new DateTimeOffset(local, offset));
        if (!zone.IsInvalidTime(local))
            return [new DateTimeOffset(local, zone.GetUtcOffset(local))];

        // Offsets lie within ±14h, and across a jump forward the wall clock only grows: bisect to the second.
        var asUtc = new DateTimeOffset(local.Ticks, TimeSpan.Zero);
        var (before, after) = (asUtc.AddHours(-14).AddSeconds(-1), asUtc.AddHours(14));
        while (after - before > TimeSpan.FromSeconds(1))
        {
            var middle = before + (after - before) / 2;
            middle = middle.AddTicks(-(middle.Ticks % TimeSpan.TicksPerSecond));
            if (TimeZoneInfo.ConvertTime(middle, zone).DateTime >= local)
                after = middle;
            else
                before = middle;
        }

        return [after];
    }
}
