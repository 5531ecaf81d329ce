using System.Text.Json;
using Greenlight.Core.Checks;

namespace Greenlight.Core.Tests.Checks;

public sealed class JsonPathTests
{
    private const string Document = """
        {"user": "demo", "count": 3, "price": 2.50, "admin": false, "note": null,
         "items": [{"sku": "apple"}, {"sku": "pear"}], "odd.key": {"a b": 1}}
        """;

    [Theory]
    [InlineData("$.user", "demo")]
    [InlineData("$.count", "3")]
    [InlineData("$.price", "2.50")]
    [InlineData("$.admin", "false")]
    [InlineData("$.note", "null")]
    [InlineData("$.items[1].sku", "pear")]
    [InlineData("$['items'][0][\"sku\"]", "apple")]
    [InlineData("$['odd.key']['a b']", "1")]
    [InlineData("$.items[0]", "{\"sku\": \"apple\"}")]
    public void TrySelect_ExistingValue_ReturnsItAsText(string path, string expected)
    {
        using var json = JsonDocument.Parse(Document);

        Assert.True(JsonPath.Parse(path).TrySelect(json.RootElement, out var value));
        Assert.Equal(expected, JsonPath.TextOf(value));
    }

    [Fact]
    public void TrySelect_Root_ReturnsTheWholeDocument()
    {
        using var json = JsonDocument.Parse("[1,2]");

        Assert.True(JsonPath.Parse("$").TrySelect(json.RootElement, out var value));
        Assert.Equal("[1,2]", JsonPath.TextOf(value));
    }

    [Theory]
    [InlineData("$.missing")]
    [InlineData("$.items[2]")]
    [InlineData("$.user.name")]
    [InlineData("$.items.sku")]
    [InlineData("$.count[0]")]
    public void TrySelect_AbsentValue_ReturnsFalse(string path)
    {
        using var json = JsonDocument.Parse(Document);

        Assert.False(JsonPath.Parse(path).TrySelect(json.RootElement, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("user")]
    [InlineData("$.")]
    [InlineData("$..user")]
    [InlineData("$[")]
    [InlineData("$[-1]")]
    [InlineData("$[x]")]
    [InlineData("$['user'")]
    [InlineData("$['user]")]
    [InlineData("$.items[*]")]
    [InlineData("$user")]
    public void TryParse_UnsupportedSyntax_ReturnsFalse(string path) => Assert.False(JsonPath.TryParse(path, out _));

    [Fact]
    public void Parse_UnsupportedSyntax_ThrowsFormatException() => Assert.Throws<FormatException>(() => JsonPath.Parse("user"));
}
