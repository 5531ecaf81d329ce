using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>Problems in <c>strategy.canary</c>: step shapes, weights, sticky assignment and the tester route.</summary>
public sealed class CanaryProblemsTests
{
    private const string OneStepKind = "expected exactly one of setWeight, pause, analysis";

    /// <summary>A canary with <paramref name="steps"/> as its steps, one per line from line 9, each at column 7.</summary>
    private static string Steps(params string[] steps) =>
        With("strategy:\n  canary:\n    steps:\n" + string.Concat(steps.Select(step => $"      {step}\n")));

    [Theory]
    [InlineData("- {setWeight: 5, pause: {}}", $"greenlight.yaml:9:9: strategy.canary.steps[0]: found setWeight and pause, {OneStepKind}")]
    [InlineData("- {}", $"greenlight.yaml:9:9: strategy.canary.steps[0]: found no step type, {OneStepKind}")]
    [InlineData("- weight", "greenlight.yaml:9:9: strategy.canary.steps[0]: found \"weight\", expected a mapping")]
    [InlineData("- pause: 30s", "greenlight.yaml:9:16: strategy.canary.steps[0].pause: found \"30s\", expected a mapping")]
    public void Parse_StepNotOneKnownKey_IsReported(string step, string expected) =>
        Assert.Equal([expected], Errors(Steps(step)));

    [Fact]
    public void Parse_MisspeltStepKey_ReportsItAndTheMissingType() =>
        Assert.Equal(
            [
                $"greenlight.yaml:10:9: strategy.canary.steps[1]: found no step type, {OneStepKind}",
                "greenlight.yaml:10:9: strategy.canary.steps[1].setweight: unknown key (did you mean \"setWeight\"?), expected one of setWeight, pause, analysis",
            ],
            Errors(Steps("- setWeight: 1", "- setweight: 5")));

    [Theory]
    [InlineData("- pause: {duration: 30s, until: promote}", "greenlight.yaml:10:32: strategy.canary.steps[1].pause.until: unknown key, expected one of duration")]
    [InlineData("- analysis: {maxDuraton: 1m}", "greenlight.yaml:10:20: strategy.canary.steps[1].analysis.maxDuraton: unknown key (did you mean \"maxDuration\"?), expected one of maxDuration")]
    [InlineData("- pause: {duration: 0s}", "greenlight.yaml:10:27: strategy.canary.steps[1].pause.duration: found \"0s\", expected a duration longer than 0s")]
    [InlineData("- pause: {duration: }", "greenlight.yaml:10:27: strategy.canary.steps[1].pause.duration: found no value, expected a duration such as 30s, 5m, 24h")]
    [InlineData("- analysis: {maxDuration: forever}", "greenlight.yaml:10:33: strategy.canary.steps[1].analysis.maxDuration: found \"forever\", expected a duration such as 30s, 5m, 24h")]
    public void Parse_BadPauseOrAnalysisStep_IsReported(string step, string expected) =>
        Assert.Equal([expected], Errors(Steps("- setWeight: 1", step)));

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("5.5")]
    [InlineData("half")]
    public void Parse_WeightOutOfRange_IsReported(string weight) =>
        Assert.Equal(
            [$"greenlight.yaml:9:20: strategy.canary.steps[0].setWeight: found \"{weight}\", expected a weight in percent from 1 to 100"],
            Errors(Steps($"- setWeight: {weight}")));

    [Theory]
    [InlineData("20")]
    [InlineData("50")]
    public void Parse_WeightNotAboveThePreviousOne_IsReported(string weight) =>
        Assert.Equal(
            [$"greenlight.yaml:11:20: strategy.canary.steps[2].setWeight: found \"{weight}\", expected more than 50, the previous setWeight: a canary's weight only grows (greenlight abort pulls it back)"],
            Errors(Steps("- setWeight: 50", "- pause: {}", $"- setWeight: {weight}")));

    [Fact]
    public void Parse_NoSetWeightStep_IsReported() =>
        Assert.Equal(
            ["greenlight.yaml:9:7: strategy.canary.steps: found no setWeight step, expected at least one setWeight: without one the canary never receives traffic"],
            Errors(Steps("- analysis: {}", "- pause: {}")));

    [Fact]
    public void Parse_OnlySetWeightIsInvalid_IsNotAlsoReportedMissing() =>
        Assert.Equal(
            ["greenlight.yaml:9:20: strategy.canary.steps[0].setWeight: found \"500\", expected a weight in percent from 1 to 100"],
            Errors(Steps("- setWeight: 500")));

    [Theory]
    [InlineData("strategy:\n  canary: {}", "greenlight.yaml:7:11: strategy.canary.steps: missing required key, expected a non-empty list")]
    [InlineData("strategy:\n  canary:\n    steps: []", "greenlight.yaml:8:12: strategy.canary.steps: found an empty list, expected a non-empty list")]
    [InlineData("strategy:\n  canary: [setWeight: 5]", "greenlight.yaml:7:11: strategy.canary: found a list, expected a mapping")]
    public void Parse_CanaryWithoutSteps_IsReported(string section, string expected) => Assert.Equal([expected], Errors(With(section)));

    [Fact]
    public void Parse_BothStrategies_IsReported() =>
        Assert.Equal(
            ["greenlight.yaml:7:3: strategy: found blueGreen and canary, expected exactly one of blueGreen, canary"],
            Errors(With("strategy:\n  blueGreen: {}\n  canary: {steps: [setWeight: 5]}")));

    [Theory]
    [InlineData("{header: X-Canary, cookie: tester, value: x}", "greenlight.yaml:10:18: strategy.canary.headerRoute: found header and cookie, expected exactly one of header, cookie")]
    [InlineData("{value: x}", "greenlight.yaml:10:18: strategy.canary.headerRoute: found no header or cookie, expected exactly one of header, cookie")]
    [InlineData("{header: X-Canary}", "greenlight.yaml:10:18: strategy.canary.headerRoute.value: missing required key, expected a header value: visible characters, no spaces at either end")]
    [InlineData("{header: X-Canary, value: \" yes\"}", "greenlight.yaml:10:44: strategy.canary.headerRoute.value: found \" yes\", expected a header value: visible characters, no spaces at either end")]
    [InlineData("{cookie: tester, value: \"a;b\"}", "greenlight.yaml:10:42: strategy.canary.headerRoute.value: found \"a;b\", expected a cookie value: visible characters but for spaces, quotes, commas, semicolons and backslashes")]
    [InlineData("{header: \"X Canary\", value: x}", "greenlight.yaml:10:27: strategy.canary.headerRoute.header: found \"X Canary\", expected an HTTP header name such as Authorization")]
    public void Parse_BadHeaderRoute_IsReported(string route, string expected) =>
        Assert.Equal([expected], Errors(Steps("- setWeight: 1").TrimEnd() + $"\n    headerRoute: {route}"));

    [Theory]
    [InlineData("sticky: {cookie: \"gl;rev\"}", "greenlight.yaml:10:22: strategy.canary.sticky.cookie: found \"gl;rev\", expected a cookie name such as gl-revision")]
    [InlineData("sticky: {hash: X-User}", "greenlight.yaml:10:14: strategy.canary.sticky.hash: unknown key, expected one of cookie, header")]
    [InlineData("warmFor: -1s", "greenlight.yaml:10:14: strategy.canary.warmFor: found \"-1s\", expected a duration such as 30s, 5m, 24h")]
    public void Parse_BadCanarySetting_IsReported(string line, string expected) =>
        Assert.Equal([expected], Errors(Steps("- setWeight: 1").TrimEnd() + $"\n    {line}"));
}
