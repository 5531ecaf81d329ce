using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations.Tests.Scripts;

public sealed class MigrationVersionTests
{
    [Theory]
    [InlineData("1.10", "1.9")]
    [InlineData("2", "1.99")]
    [InlineData("1_2_1", "1.2")]
    [InlineData("20260101120000", "20251231235959")]
    public void CompareTo_NumericParts_OrdersNumerically(string higher, string lower) =>
        Assert.True(MigrationVersion.Parse(higher).CompareTo(MigrationVersion.Parse(lower)) > 0);

    [Fact]
    public void Equals_TrailingZeros_AreEqualWithSameHash()
    {
        var a = MigrationVersion.Parse("1.0.0");
        var b = MigrationVersion.Parse("1");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Text_Underscores_StoredAsDots() => Assert.Equal("1.2.3", MigrationVersion.Parse("1_2.3").Text);

    [Theory]
    [InlineData("1..2")]
    [InlineData("1.a")]
    [InlineData("")]
    public void TryParse_Malformed_Fails(string raw) => Assert.False(MigrationVersion.TryParse(raw, out _));
}
