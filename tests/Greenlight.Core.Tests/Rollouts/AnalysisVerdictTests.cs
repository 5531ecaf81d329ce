using System.Text.Json;
using System.Text.Json.Serialization;
using Greenlight.Core.Analysis;
using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using static Greenlight.Core.Rollouts.RolloutPhase;

namespace Greenlight.Core.Tests.Rollouts;

/// <summary>The verdict that ended an analysis step stays on the rollout, passed or failed, and reads back from any state.db.</summary>
public sealed class AnalysisVerdictTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static readonly Rollout Analysing = Rollout.Create("r1", "shop", "2.0", "1.0", TimeSpan.Zero, T0) with
    {
        Phase = Stepping,
        StepIndex = 1,
        CanaryWeight = 20,
        Steps = [new CanaryStep(CanaryStepKind.SetWeight, 20), new CanaryStep(CanaryStepKind.Analysis, Duration: TimeSpan.FromMinutes(1))],
    };

    [Fact]
    public void Decide_AnalysisFailed_RollsBackKeepingTheVerdictAndSayingWhichMetricFailed()
    {
        var d = RolloutMachine.Decide(Analysing, new Observation.AnalysisFailed(Verdicts.Failed), T0);

        Assert.Equal(RollingBack, d.State.Phase);
        Assert.Equal(RolledBack, d.State.Outcome);
        Assert.Same(Verdicts.Failed, d.State.LastVerdict);
        Assert.Equal("analysis failed: error-rate: canary worse than stable", d.State.Reason);
    }

    [Fact]
    public void Decide_AnalysisFailedSafe_SaysWhyNoMetricDecided()
    {
        var verdict = Verdicts.Failed with { Metrics = [], FailedSafe = "inconclusive after 1m" };

        var d = RolloutMachine.Decide(Analysing, new Observation.AnalysisFailed(verdict), T0);

        Assert.Equal("analysis failed safe: inconclusive after 1m", d.State.Reason);
    }

    [Fact]
    public void Decide_AnalysisPassed_KeepsTheVerdictAndGoesOn()
    {
        var d = RolloutMachine.Decide(Analysing, new Observation.AnalysisPassed(Verdicts.Passed), T0);

        Assert.Equal(Switching, d.State.Phase);
        Assert.Same(Verdicts.Passed, d.State.LastVerdict);
    }

    [Fact]
    public void Decide_AnalysisFailedOutsideAnAnalysisStep_ChangesNothing()
    {
        var paused = Analysing with { Steps = [new CanaryStep(CanaryStepKind.SetWeight, 20), new CanaryStep(CanaryStepKind.Pause)] };

        Assert.Equal(paused, RolloutMachine.Decide(paused, new Observation.AnalysisFailed(Verdicts.Failed), T0).State);
    }

    [Fact]
    public void Json_VerdictStoredAsTextByAnEarlierRelease_ReadsAsAPassWithThoseWords()
    {
        var json = JsonSerializer.Serialize(Analysing, Options).Replace("\"LastVerdict\":null", "\"LastVerdict\":\"error-rate Pass: fine\"");

        var read = JsonSerializer.Deserialize<Rollout>(json, Options)!;

        Assert.Equal(Verdict.Pass, read.LastVerdict!.Outcome);
        Assert.Equal("error-rate Pass: fine", read.LastVerdict.Summary);
    }

    [Fact]
    public void Json_Verdict_RoundTripsWithDurationsInTheManifestsNotation()
    {
        var options = new JsonSerializerOptions(Options) { Converters = { new DurationJson() } };
        var json = JsonSerializer.Serialize(Analysing with { LastVerdict = Verdicts.Failed }, options);

        var read = JsonSerializer.Deserialize<Rollout>(json, options)!;

        Assert.Contains("\"Elapsed\":\"32s\",\"MaxDuration\":\"1m\"", json);
        Assert.Equal(Verdicts.Failed.Summary, read.LastVerdict!.Summary);
        Assert.Equal(Verdicts.Failed.Metrics[0], read.LastVerdict.Metrics[0]);
        Assert.Equal(TimeSpan.FromMinutes(1), read.Steps![1].Duration);
    }

    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };
}

internal static class Verdicts
{
    public static readonly AnalysisVerdict Passed = new(Verdict.Pass, 12, "2.0", "1.0", TimeSpan.FromSeconds(12), TimeSpan.FromMinutes(1),
        [new MetricVerdict("error-rate", Judges.ErrorRate, Verdict.Pass, "canary within 2x stable")]);

    public static readonly AnalysisVerdict Failed = new(Verdict.Fail, 32, "2.0", "1.0", TimeSpan.FromSeconds(32), TimeSpan.FromMinutes(1),
    [
        new MetricVerdict("error-rate", Judges.ErrorRate, Verdict.Fail, "canary worse than stable",
            new RevisionFigures(400, Errors: 20, Rate: 0.05), new RevisionFigures(1_600, Errors: 16, Rate: 0.01), new Evidence(250, 200, 0.1, 20), new JudgeThreshold(MaxRatio: 2)),
    ]);
}
