using Greenlight.Edge.Routing.Rules;
using Microsoft.Extensions.Primitives;

namespace Greenlight.Edge.Tests.Routing.Rules;

public sealed class CookieHeaderTests
{
    [Theory]
    [InlineData("gl-rev=green", "green")]
    [InlineData("a=1; gl-rev=green; b=2", "green")]
    [InlineData("a=1;gl-rev=green", "green")]
    [InlineData("  gl-rev = \"green\" ;", "green")]
    [InlineData("gl-rev=green; gl-rev=blue", "green")]
    [InlineData("xgl-rev=blue; gl-rev=green", "green")]
    [InlineData("gl-revx=blue", "")]
    [InlineData("GL-REV=green", "")]
    [InlineData("gl-rev", "")]
    [InlineData("=green; ;", "")]
    [InlineData("", "")]
    public void Find_OneHeaderField_FirstExactNameWins(string header, string expected)
    {
        Assert.Equal(expected, CookieHeader.Find(new StringValues(header), "gl-rev").ToString());
    }

    [Fact]
    public void Find_CookiesSplitOverSeveralFields_SearchesThemAll()
    {
        Assert.Equal("green", CookieHeader.Find(new StringValues(["a=1", "gl-rev=green"]), "gl-rev").ToString());
        Assert.True(CookieHeader.Find(StringValues.Empty, "gl-rev").IsEmpty);
    }
}
