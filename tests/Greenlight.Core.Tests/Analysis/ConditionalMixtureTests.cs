using Greenlight.Core.Analysis.Sequential;

namespace Greenlight.Core.Tests.Analysis;

public sealed class ConditionalMixtureTests
{
    // References: the same mixture integrated by adaptive quadrature at 30 significant digits (mpmath),
    // independent of the closed form through incomplete Beta functions.
    [Theory]
    [InlineData(20, 100, 0.05, true, 11.7869258656)]
    [InlineData(3, 10, 0.05, true, 1.74727772342)]
    [InlineData(60, 300, 0.05, true, 39.0630691893)]
    [InlineData(12.5, 250.3, 0.05, true, -1.16784068298)]
    [InlineData(2100, 40000, 0.05, true, -0.352369982326)]
    [InlineData(5, 500, 0.0952381, false, 31.7094353256)]
    [InlineData(1900, 40000, 0.0952381, false, 633.603990369)]
    public void LogEvidence_KnownCases_MatchQuadrature(double canaryEvents, double events, double share, bool above, double expected)
    {
        var actual = above
            ? ConditionalMixture.LogEvidenceAbove(canaryEvents, events, share, 0.05)
            : ConditionalMixture.LogEvidenceBelow(canaryEvents, events, share, 0.05);

        Assert.Equal(expected, actual, 1e-6 * Math.Max(1, Math.Abs(expected)));
    }

    [Fact]
    public void LogEvidence_NoEvents_IsNoEvidence()
    {
        Assert.Equal(0, ConditionalMixture.LogEvidenceAbove(0, 0, 0.05, 0.05), 1e-12);
        Assert.Equal(0, ConditionalMixture.LogEvidenceBelow(0, 0, 0.1, 0.05), 1e-12);
    }

    [Fact]
    public void LogEvidenceAbove_MoreCanaryEvents_Grows()
    {
        var evidence = Enumerable.Range(0, 40).Select(k => ConditionalMixture.LogEvidenceAbove(k, 200, 0.05, 0.05)).ToList();

        Assert.Equal(evidence.Order(), evidence);
    }

    [Theory]
    [InlineData(0, 100_000)]
    [InlineData(100_000, 100_000)]
    public void LogEvidence_ExtremeSplits_NeverNaN(double canaryEvents, double events)
    {
        Assert.False(double.IsNaN(ConditionalMixture.LogEvidenceAbove(canaryEvents, events, 0.05, 0.05)));
        Assert.False(double.IsNaN(ConditionalMixture.LogEvidenceBelow(canaryEvents, events, 0.0952381, 0.05)));
    }

    [Theory]
    [InlineData(1.0, 0.05, 0.05)]
    [InlineData(2.0, 0.05, 0.0952381)]
    [InlineData(3.0, 0.5, 0.75)]
    public void ShareAtRatio_RateRatio_GivesTheCanarysShareOfEvents(double ratio, double share0, double expected)
    {
        Assert.Equal(expected, ConditionalMixture.ShareAtRatio(ratio, share0), 1e-6);
    }
}
