using Greenlight.Core.Manifest;

namespace Greenlight.Core.Tests.Manifest;

public sealed class ManifestErrorTests
{
    [Fact]
    public void ToString_WithPathAndExpected_ReadsLikeACompilerError()
    {
        var error = new ManifestError("greenlight.yaml", 12, 5, "strategy.blueGreen.warmFor", "found \"tomorrow\"", "a duration such as 30s, 5m, 24h");

        Assert.Equal("greenlight.yaml:12:5: strategy.blueGreen.warmFor: found \"tomorrow\", expected a duration such as 30s, 5m, 24h", error.ToString());
    }

    [Fact]
    public void ToString_WithoutPositionOrPath_OmitsThem()
    {
        var error = new ManifestError("greenlight.yaml", 0, 0, "", "cannot read the file", null);

        Assert.Equal("greenlight.yaml: cannot read the file", error.ToString());
    }
}
