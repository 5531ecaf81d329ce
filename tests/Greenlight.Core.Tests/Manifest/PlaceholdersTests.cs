using Greenlight.Core.Manifest;

namespace Greenlight.Core.Tests.Manifest;

public sealed class PlaceholdersTests
{
    [Fact]
    public void Names_TextWithPlaceholders_ListsThemInOrder() =>
        Assert.Equal(["cart_id", "token"], Placeholders.Names("/cart/${cart_id}?t=${token}"));

    [Fact]
    public void Names_MalformedPlaceholders_AreNotNames() => Assert.Empty(Placeholders.Names("$token ${} ${1x} ${ a }"));

    [Fact]
    public void Expand_KnownAndUnknownNames_ReplacesOnlyKnownOnes() =>
        Assert.Equal("Bearer abc ${other}", Placeholders.Expand("Bearer ${token} ${other}", name => name == "token" ? "abc" : null));

    [Fact]
    public void ForVersion_RunSpec_ReplacesVersionInArgsAndEnvOnly()
    {
        var run = new RunSpec(
            "${version}",
            ["Shop.dll", "--tag=v${version}"],
            "/srv",
            new Dictionary<string, string> { ["SHOP_VERSION"] = "${version}", ["MODE"] = "demo" },
            TimeSpan.FromSeconds(10));

        var revision = run.ForVersion("2.4.1");

        Assert.Equal("${version}", revision.Command);
        Assert.Equal(["Shop.dll", "--tag=v2.4.1"], revision.Args);
        Assert.Equal(new Dictionary<string, string> { ["SHOP_VERSION"] = "2.4.1", ["MODE"] = "demo" }, revision.Environment);
    }
}
