using Greenlight.Core.Manifest;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>Windows by the wall clock of their zone, across overnight ranges and daylight saving changes.</summary>
public sealed class DeploymentWindowTests
{
    private static readonly DeploymentWindow Office = new(
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday], TimeSpan.FromHours(9), TimeSpan.FromHours(16), "Europe/Berlin");

    private static readonly DeploymentWindow FridayNight = new([DayOfWeek.Friday], TimeSpan.FromHours(22), TimeSpan.FromHours(2), "UTC");

    private static DeploymentWindow Daily(double opens, double closes) =>
        new(Enum.GetValues<DayOfWeek>(), TimeSpan.FromHours(opens), TimeSpan.FromHours(closes), "Europe/Berlin");

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(3, 2, 8, 0, true)]    // Monday 09:00 in Berlin (CET): opens
    [InlineData(3, 2, 7, 59, false)]  // 08:59
    [InlineData(3, 2, 14, 59, true)]  // 15:59
    [InlineData(3, 2, 15, 0, false)]  // 16:00: closed, the end is not in the window
    [InlineData(3, 6, 10, 0, false)]  // Friday
    [InlineData(6, 1, 7, 0, true)]    // Monday 09:00 in Berlin in summer (CEST) is 07:00Z
    [InlineData(6, 1, 14, 30, false)] // 16:30 CEST
    public void IsOpen_ByTheWallClockOfItsZone(int month, int day, int hour, int minute, bool open) =>
        Assert.Equal(open, Office.IsOpen(Utc(month, day, hour, minute)));

    [Theory]
    [InlineData(6, 23, 0, true)]  // Friday 23:00
    [InlineData(7, 1, 30, true)]  // Saturday 01:30: the night that began on Friday
    [InlineData(7, 2, 0, false)]  // Saturday 02:00
    [InlineData(7, 23, 0, false)] // Saturday 23:00: Saturday is not listed
    [InlineData(6, 1, 0, false)]  // Friday 01:00 belongs to Thursday's night
    public void IsOpen_OvernightRangeBelongsToTheDayItOpens(int day, int hour, int minute, bool open) =>
        Assert.Equal(open, FridayNight.IsOpen(Utc(3, day, hour, minute)));

    [Fact]
    public void NextOpening_WhileOpen_IsNow() =>
        Assert.Equal(Utc(3, 2, 10), Office.NextOpening(Utc(3, 2, 10)));

    [Fact]
    public void NextOpening_BeforeTheHoursOfAListedDay_IsThatMorning() =>
        Assert.Equal(Utc(3, 3, 8), Office.NextOpening(Utc(3, 3, 5)));

    [Fact]
    public void NextOpening_OnFridayAfternoon_IsMondayMorning() =>
        Assert.Equal(Utc(3, 9, 8), Office.NextOpening(Utc(3, 6, 15)));

    [Fact]
    public void NextOpening_AcrossTheSpringChange_MovesWithTheClock() =>
        // Clocks go forward on Sunday 29 March: Monday 09:00 in Berlin is then 07:00Z, not 08:00Z.
        Assert.Equal(Utc(3, 30, 7), Office.NextOpening(Utc(3, 27, 15)));

    [Fact]
    public void NextOpening_OfAnOvernightRange_IsItsEvening() =>
        Assert.Equal(Utc(3, 6, 22), FridayNight.NextOpening(Utc(3, 4, 12)));

    [Fact]
    public void NextOpening_AtATimeTheSpringChangeSkips_IsTheInstantOfTheJump()
    {
        // On 29 March 02:00 CET becomes 03:00 CEST at 01:00Z: there is no 02:30 that day.
        var window = Daily(2.5, 4);

        Assert.Equal(Utc(3, 29, 1), window.NextOpening(Utc(3, 29, 0)));
        Assert.True(window.IsOpen(Utc(3, 29, 1)));
        Assert.False(window.IsOpen(Utc(3, 29, 0, 59)));
    }

    [Fact]
    public void NextOpening_AtATimeTheAutumnChangeRepeats_OpensAgainTheSecondTime()
    {
        // On 25 October 03:00 CEST becomes 02:00 CET at 01:00Z: 02:00-02:30 happens at 00:00Z and again at 01:00Z.
        var window = Daily(2, 2.5);

        Assert.True(window.IsOpen(Utc(10, 25, 0, 10)));
        Assert.False(window.IsOpen(Utc(10, 25, 0, 45)));
        Assert.Equal(Utc(10, 25, 1), window.NextOpening(Utc(10, 25, 0, 45)));
        Assert.Equal(Utc(10, 26, 1), window.NextOpening(Utc(10, 25, 1, 30)));
    }

    [Fact]
    public void ToString_ShowsDaysHoursAndZoneAsTheManifestWritesThem()
    {
        Assert.Equal("mon,tue,wed,thu 09:00-16:00 Europe/Berlin", Office.ToString());
        Assert.Equal("every day 00:00-24:00 UTC", new DeploymentWindow(Enum.GetValues<DayOfWeek>(), TimeSpan.Zero, TimeSpan.FromHours(24), "UTC").ToString());
    }
}
