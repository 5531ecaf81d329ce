using System.Text.Json;
using Greenlight.Core.Manifest;

namespace Greenlight.Core.Tests.Manifest;

public sealed class DurationJsonTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new DurationJson() } };

    [Theory]
    [InlineData(300_000, "\"5m\"")]
    [InlineData(30_000, "\"30s\"")]
    [InlineData(5_400_250, "\"1h30m250ms\"")]
    public void Write_Duration_UsesTheManifestsNotation(long milliseconds, string expected) =>
        Assert.Equal(expected, JsonSerializer.Serialize(TimeSpan.FromMilliseconds(milliseconds), Options));

    [Theory]
    [InlineData("\"5m\"", 300_000)]
    [InlineData("\"1.00:00:00\"", 86_400_000)] // .NET's own, as stored before
    public void Read_EitherNotation_GivesTheDuration(string json, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), JsonSerializer.Deserialize<TimeSpan>(json, Options));

    [Fact]
    public void Read_NoDuration_SaysWhatIsExpected()
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TimeSpan>("\"soon\"", Options));

        Assert.Contains("\"soon\" is not a duration: expected whole numbers with units h, m, s, ms", e.Message);
    }
}
