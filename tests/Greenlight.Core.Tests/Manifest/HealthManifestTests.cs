using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

public sealed class HealthManifestTests
{
    [Fact]
    public void Parse_NoFallbackKey_TheWarmRevisionServesWhileADeadOneStartsAgain() =>
        Assert.True(ManifestLoader.Parse(Minimal, "greenlight.yaml").Manifest!.Health.FallbackToWarm);

    [Fact]
    public void Parse_FallbackToWarmFalse_IsKept() =>
        Assert.False(ManifestLoader.Parse(With("health:\n  fallbackToWarm: false"), "greenlight.yaml").Manifest!.Health.FallbackToWarm);

    [Fact]
    public void Parse_FallbackToWarmNotABoolean_SaysWhereAndWhatIsExpected() =>
        Assert.Equal(["greenlight.yaml:7:19: health.fallbackToWarm: found \"sometimes\", expected true or false"],
            Errors(With("health:\n  fallbackToWarm: sometimes")));
}
