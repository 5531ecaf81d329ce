using Greenlight.Core.Manifest;

namespace Greenlight.Core.Tests.Manifest;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("24h", 86_400_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1m0s500ms", 60_500)]
    [InlineData("0s", 0)]
    public void TryParse_ValidDuration_ReturnsItsLength(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("s")]
    [InlineData("-5s")]
    [InlineData("1.5h")]
    [InlineData("5 m")]
    [InlineData("30s5m")]
    [InlineData("5m5m")]
    [InlineData("3d")]
    [InlineData("tomorrow")]
    [InlineData("99999999999999999h")]
    public void TryParse_InvalidDuration_ReturnsFalse(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(250, "250ms")]
    [InlineData(10_000, "10s")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(172_800_000, "48h")]
    [InlineData(61_001, "1m1s1ms")]
    public void Format_Duration_ReadsBackAsTheSameValue(long milliseconds, string expected)
    {
        var text = DurationText.Format(TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal(expected, text);
        Assert.True(DurationText.TryParse(text, out var back));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), back);
    }

    [Theory]
    [InlineData(32_481.7, "32s")]
    [InlineData(59_600, "1m")]
    [InlineData(480.4, "480ms")]
    public void Round_MeasuredDuration_KeepsWholeSecondsFromOneSecondOn(double milliseconds, string expected) =>
        Assert.Equal(expected, DurationText.Format(DurationText.Round(TimeSpan.FromMilliseconds(milliseconds))));
}
