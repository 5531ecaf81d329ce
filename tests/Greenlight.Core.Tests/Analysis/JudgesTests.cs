using Greenlight.Core.Analysis;

namespace Greenlight.Core.Tests.Analysis;

public sealed class JudgesTests
{
    private static readonly Dictionary<string, string> None = [];

    [Theory]
    [InlineData("errorRate")]
    [InlineData("latency")]
    public void Create_ByName_GivesThatJudgeWithItsDefaults(string name)
    {
        Assert.Equal(name, Judges.Create(name).Name);
        Assert.Equal(name, Judges.Create(name, None).Name);
    }

    [Fact]
    public void Create_UnknownName_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Judges.Create("errorrate"));

        Assert.Contains("expected one of errorRate, latency, threshold", error.Message);
    }

    [Fact]
    public void Create_OptionsOfAnotherJudge_Throws()
    {
        Assert.Throws<ArgumentException>(() => Judges.Create(Judges.ErrorRate, new LatencyJudgeOptions()));
    }

    [Fact]
    public void Create_ThresholdWithoutABound_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Judges.Create(Judges.Threshold));

        Assert.Contains("found no bound", error.Message);
    }

    [Fact]
    public void Create_OptionTexts_SetTheOptions()
    {
        var judge = Judges.Create(Judges.ErrorRate, new Dictionary<string, string> { ["alpha"] = "1%", ["minCanaryRequests"] = "10", ["maxCanaryRequests"] = "none" });

        var result = judge.Judge(RevisionSample.Counts(10, 0), RevisionSample.Counts(1_000, 10));

        Assert.Equal(100, result.Numbers["bound"], 1e-9);
        Assert.DoesNotContain("too little traffic", result.Summary);
    }

    [Theory]
    [InlineData("errorRate", "alpha", "0", "alpha: found 0, expected a probability in (0, 0.5], e.g. 0.005")]
    [InlineData("errorRate", "alpha", "often", "alpha: found \"often\", expected a number such as 0.01 or 1%")]
    [InlineData("errorRate", "quantile", "0.9", "quantile: found an unknown option, expected one of alpha, beta, tolerance, minCanaryRequests, maxCanaryRequests")]
    [InlineData("errorRate", "maxCanaryRequests", "50", "maxCanaryRequests: found 50, expected none, or at least minCanaryRequests (100)")]
    [InlineData("errorRate", "minCanaryRequests", "1.5", "minCanaryRequests: found \"1.5\", expected a whole number")]
    [InlineData("latency", "quantile", "1", "quantile: found 1, expected a quantile in [0.5, 0.999], e.g. 0.99 for p99")]
    [InlineData("latency", "minSlowdownMs", "-1", "minSlowdownMs: found -1, expected milliseconds in [0, 10000], e.g. 1")]
    [InlineData("latency", "minSlowdown", "fast", "minSlowdown: found \"fast\", expected a number such as 0.01 or 1%")]
    [InlineData("latency", "warmupWindow", "5", "warmupWindow: found 5, expected a number of canary requests from 10 to 100000, e.g. 50")]
    [InlineData("latency", "warmupTolerance", "0", "warmupTolerance: found 0, expected a relative margin in (0, 1], e.g. 20% or 0.2")]
    [InlineData("latency", "maxWarmupRequests", "-1", "maxWarmupRequests: found -1, expected 0 (no warm-up) or a number of canary requests, e.g. 3000")]
    [InlineData("latency", "warmupLooks", "0", "warmupLooks: found 0, expected a number of looks from 1 to 1000, e.g. 5")]
    [InlineData("latency", "burstCorrection", "maybe", "burstCorrection: found \"maybe\", expected true or false")]
    [InlineData("threshold", "maxErrorRate", "150%", "maxErrorRate: found 1.5, expected a fraction in [0, 1], e.g. 0.01 for 1%")]
    [InlineData("threshold", "minRequests", "-1", "minRequests: found -1, expected 0 or more")]
    public void Validate_BadOption_ReportsItForTheManifest(string judge, string option, string text, string expected)
    {
        var options = new Dictionary<string, string> { [option] = text };
        if (judge == Judges.Threshold && option != "maxErrorRate") options["maxValue"] = "1";

        var problem = Assert.Single(Judges.Validate(judge, options));

        Assert.Equal(expected, problem.ToString());
    }

    [Fact]
    public void Validate_ThresholdWithoutABound_ReportsTheOptionsAsAWhole()
    {
        var problem = Assert.Single(Judges.Validate(Judges.Threshold, None));

        Assert.Equal("", problem.Option);
        Assert.Equal("found no bound, expected at least one of maxErrorRate, maxLatencyMs, minValue, maxValue", problem.ToString());
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var errorRate = new ErrorRateJudgeOptions();
        var latency = new LatencyJudgeOptions();

        Assert.Equal((0.005, 0.05, 1.0, 100L, (long?)1_500), (errorRate.Alpha, errorRate.Beta, errorRate.Tolerance, errorRate.MinCanaryRequests, errorRate.MaxCanaryRequests));
        Assert.Equal(0.99, latency.Quantile);
        Assert.Equal((1.0, 0.02), (latency.MinSlowdownMs, latency.MinSlowdown));
        Assert.Equal((50L, 5, 0.2, 3_000L, true), (latency.WarmupWindow, latency.WarmupLooks, latency.WarmupTolerance, latency.MaxWarmupRequests, latency.BurstCorrection));
        Assert.Equal(1_000, latency.MinStableRequests);
        Assert.Equal(100, new ThresholdJudgeOptions().MinRequests);
    }
}
