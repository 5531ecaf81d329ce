using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>Problems in <c>analysis</c>: its settings, metric sources, placeholders and judges their source cannot feed.</summary>
public sealed class AnalysisProblemsTests
{
    private const string OnlyAppAndRevision = "expected no placeholder other than {{app}} and {{revision}}";

    /// <summary>An analysis whose only metric, named m, takes <paramref name="lines"/>: from line 9, at column 7.</summary>
    /// A threshold judge gets a bound (last, so no position moves) unless the test writes its own options.
    private static string Metric(params string[] lines) =>
        With("analysis:\n  metrics:\n    - name: m\n" + string.Concat(WithBound(lines).Select(line => $"      {line}\n")));

    private static IEnumerable<string> WithBound(string[] lines) =>
        lines.Contains("judge: threshold") && !lines.Any(l => l.StartsWith("options", StringComparison.Ordinal)) ? [.. lines, "options: {maxValue: 1}"] : lines;

    /// <summary>A Prometheus metric: judge on line 10 (value at column 14), address on line 12, <paramref name="queries"/> from line 13.</summary>
    private static string Prometheus(string judge, params string[] queries) =>
        Metric(["provider: prometheus", $"judge: {judge}", "prometheus:", "  address: http://127.0.0.1:9090", .. queries.Select(q => "  " + q)]);

    /// <summary>An http metric: judge on line 10 (value at column 14), url on line 12 (value at column 14), <paramref name="paths"/> from line 13.</summary>
    private static string Http(string judge, string url, params string[] paths) =>
        Metric(["provider: http", $"judge: {judge}", "http:", $"  url: {url}", .. paths.Select(p => "  " + p)]);

    [Theory]
    [InlineData("analysis: {}", "greenlight.yaml:6:11: analysis.metrics: missing required key, expected a non-empty list")]
    [InlineData("analysis:\n  interval: 0s\n  metrics: [{name: m, judge: latency}]", "greenlight.yaml:7:13: analysis.interval: found \"0s\", expected a duration longer than 0s")]
    [InlineData("analysis:\n  maxProviderErrors: 0\n  metrics: [{name: m, judge: latency}]", "greenlight.yaml:7:22: analysis.maxProviderErrors: found \"0\", expected a number of failures from 1 to 100")]
    [InlineData("analysis:\n  maxProviderErrors: 101\n  metrics: [{name: m, judge: latency}]", "greenlight.yaml:7:22: analysis.maxProviderErrors: found \"101\", expected a number of failures from 1 to 100")]
    public void Parse_BadAnalysisSetting_IsReported(string section, string expected) => Assert.Equal([expected], Errors(With(section)));

    [Fact]
    public void Parse_JudgeOptionOutOfRange_IsReportedAtTheOptions() =>
        Assert.Equal(
            "greenlight.yaml:10:16: analysis.metrics[0].options: alpha: found 2, expected a probability in (0, 0.5], e.g. 0.005",
            Assert.Single(Errors(Metric("judge: errorRate", "options: {alpha: 2}"))));

    [Fact]
    public void Parse_LatencyMarginOutOfRange_IsReportedAtTheOptions() =>
        Assert.Equal(
            "greenlight.yaml:10:16: analysis.metrics[0].options: minSlowdown: found 20, expected a relative margin in [0, 10], e.g. 2% or 0.02",
            Assert.Single(Errors(Metric("judge: latency", "options: {minSlowdownMs: 2, minSlowdown: 2000%}"))));

    [Fact]
    public void Parse_DuplicatedMetricName_PointsAtTheSecondOne() =>
        Assert.Equal(
            ["greenlight.yaml:10:13: analysis.metrics[2].name: found \"errors\" a second time, expected a name no other metric uses"],
            Errors(With("analysis:\n  metrics:\n    - {name: errors, judge: errorRate}\n    - {name: slow, judge: latency}\n    - name: errors\n      judge: threshold\n      options: {maxValue: 1}")));

    [Theory]
    [InlineData("judge: mannWhitney", "greenlight.yaml:9:14: analysis.metrics[0].judge: found \"mannWhitney\", expected one of errorRate, latency, threshold")]
    [InlineData("provider: edge", "greenlight.yaml:8:7: analysis.metrics[0].judge: missing required key, expected one of errorRate, latency, threshold")]
    public void Parse_BadJudge_IsReported(string line, string expected) => Assert.Equal([expected], Errors(Metric(line)));

    [Theory]
    [InlineData("options: {alpha: {value: 1}, maxValue: 1}", "greenlight.yaml:10:24: analysis.metrics[0].options.alpha: found a mapping, expected a value such as 0.01, 250 or true")]
    [InlineData("options: {max-p99: 250, maxValue: 1}", "greenlight.yaml:10:17: analysis.metrics[0].options: found \"max-p99\", expected an option name of letters, digits and _ such as alpha")]
    public void Parse_BadJudgeOption_IsReported(string line, string expected) => Assert.Equal([expected], Errors(Metric("judge: threshold", line)));

    [Theory]
    [InlineData("provider: datadog", "greenlight.yaml:10:17: analysis.metrics[0].provider: found \"datadog\", expected one of edge, prometheus, http")]
    [InlineData("provider: prometheus", "greenlight.yaml:8:7: analysis.metrics[0].prometheus: missing required key, expected a mapping")]
    [InlineData("http: {url: \"http://h/x\", value: $.x}", "greenlight.yaml:10:13: analysis.metrics[0].http: found http settings for the edge provider, expected http only with provider: http")]
    public void Parse_ProviderAndItsSettingsDisagree_IsReported(string line, string expected) =>
        Assert.Equal([expected], Errors(Metric("judge: threshold", line)));

    [Fact]
    public void Parse_MisspeltProviderWithItsSettings_ReportsOnlyTheProvider() =>
        Assert.Equal(
            ["greenlight.yaml:9:17: analysis.metrics[0].provider: found \"promethus\", expected one of edge, prometheus, http"],
            Errors(Metric("provider: promethus", "prometheus: {address: http://127.0.0.1:9090, value: up}", "judge: threshold")));

    [Theory]
    [InlineData("address: /api", "greenlight.yaml:12:18: analysis.metrics[0].prometheus.address: found \"/api\", expected an absolute http or https URL such as http://127.0.0.1:9090")]
    [InlineData("address: ftp://prometheus:9090", "greenlight.yaml:12:18: analysis.metrics[0].prometheus.address: found \"ftp://prometheus:9090\", expected an absolute http or https URL such as http://127.0.0.1:9090")]
    public void Parse_BadPrometheusAddress_IsReported(string line, string expected) =>
        Assert.Equal([expected], Errors(Prometheus("threshold", "value: up").Replace("address: http://127.0.0.1:9090", line)));

    [Fact]
    public void Parse_SourceThatMeasuresNothing_IsReported() =>
        Assert.Equal(
            ["greenlight.yaml:12:9: analysis.metrics[0].prometheus: found nothing to measure, expected at least one of requests, errors, latency, value"],
            Errors(Prometheus("threshold")));

    [Theory]
    [InlineData("{{version}}")]
    [InlineData("${revision}")]
    [InlineData("{{ revision }}")]
    [InlineData("{{revision}")]
    [InlineData("{revision}}")]
    public void Parse_QueryWithAnotherPlaceholder_IsReported(string placeholder) =>
        Assert.Equal(
            [$"greenlight.yaml:13:16: analysis.metrics[0].prometheus.value: found \"up{{revision=\\\"{placeholder}\\\"}}\", {OnlyAppAndRevision}"],
            Errors(Prometheus("threshold", $"value: 'up{{revision=\"{placeholder}\"}}'")));

    [Theory]
    [InlineData("http://h/{{version}}", $"found \"http://h/{{{{version}}}}\", {OnlyAppAndRevision}")]
    [InlineData("/stats/{{revision}}", "found \"/stats/{{revision}}\", expected an absolute http or https URL such as http://127.0.0.1:9000/stats/{{revision}}")]
    [InlineData("file:///stats", "found \"file:///stats\", expected an absolute http or https URL such as http://127.0.0.1:9000/stats/{{revision}}")]
    public void Parse_BadHttpUrl_IsReported(string url, string expected) =>
        Assert.Equal([$"greenlight.yaml:12:14: analysis.metrics[0].http.url: {expected}"], Errors(Http("threshold", $"\"{url}\"", "value: $.p99")));

    [Fact]
    public void Parse_BadJsonPath_IsReported() =>
        Assert.Equal(
            ["greenlight.yaml:13:16: analysis.metrics[0].http.value: found \"p99\", expected a JSON path such as $.user.name or $.items[0]"],
            Errors(Http("threshold", "http://127.0.0.1:9000/stats", "value: p99")));

    [Theory]
    [InlineData("latency: 'sum(h) by (le)'", "errorRate", "request and error counts", "prometheus.requests with prometheus.errors")]
    [InlineData("requests: 'sum(r)'", "errorRate", "request and error counts", "prometheus.requests with prometheus.errors")]
    [InlineData("requests: 'sum(r)'", "latency", "a latency histogram", "prometheus.latency")]
    [InlineData("errors: 'sum(e)'", "threshold", "a value, request and error counts, or a latency histogram",
        "prometheus.requests with prometheus.errors, or prometheus.latency, or prometheus.value")]
    public void Parse_PrometheusJudgeWithoutItsData_IsReported(string query, string judge, string needs, string expected) =>
        Assert.Equal(
            [$"greenlight.yaml:10:14: analysis.metrics[0].judge: found \"{judge}\", which needs {needs}, expected {expected}"],
            Errors(Prometheus(judge, query)));

    [Theory]
    [InlineData("value: $.rate", "errorRate", "request and error counts", "http.requests with http.errors")]
    [InlineData("requests: $.n, errors: $.e", "latency", "a latency histogram", "a provider that gives it (edge, prometheus), not http")]
    [InlineData("errors: $.e", "threshold", "a value, request and error counts, or a latency histogram", "http.requests with http.errors, or http.value")]
    public void Parse_HttpJudgeWithoutItsData_IsReported(string paths, string judge, string needs, string expected) =>
        Assert.Equal(
            [$"greenlight.yaml:10:14: analysis.metrics[0].judge: found \"{judge}\", which needs {needs}, expected {expected}"],
            Errors(Http(judge, "http://127.0.0.1:9000/stats", paths.Split(", "))));

    [Theory]
    [InlineData("errorRate", "requests: 'sum(r)'", "errors: 'sum(e)'")]
    [InlineData("threshold", "requests: 'sum(r)'", "errors: 'sum(e)'")]
    [InlineData("latency", "latency: 'sum(h) by (le)'")]
    [InlineData("threshold", "latency: 'sum(h) by (le)'")]
    [InlineData("threshold", "value: 'up{app=\"{{app}}\"}'")]
    public void Parse_PrometheusJudgeWithItsData_IsAccepted(string judge, params string[] queries) =>
        Assert.Empty(Errors(Prometheus(judge, queries)));
}
