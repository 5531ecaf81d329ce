using Greenlight.Core.Manifest;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>The canary strategy and the analysis section read into their model, with their defaults.</summary>
public sealed class CanaryManifestTests
{
    private const string Full = """
        strategy:
          canary:
            steps:
              - setWeight: 5
              - analysis: {maxDuration: 2m}
              - pause: {duration: 30s}
              - setWeight: 50
              - analysis: {}
              - pause: {}
            sticky:
              cookie: shop-rev
              header: X-User-Id
            headerRoute:
              header: X-Canary
              value: "always"
            warmFor: 10m
        analysis:
          interval: 2s
          maxProviderErrors: 5
          metrics:
            - name: error-rate
              judge: errorRate
              options: {alpha: 0.01, minCanaryRequests: "50", maxCanaryRequests: 2000}
            - name: prom-errors
              provider: prometheus
              prometheus:
                address: http://127.0.0.1:9090
                requests: 'sum(greenlight_edge_requests_total{app="{{app}}",revision="{{revision}}"})'
                errors: 'sum(greenlight_edge_errors_total{revision="{{revision}}"})'
              judge: errorRate
            - name: p99
              provider: http
              http: {url: "http://{{app}}.internal:9000/stats/{{revision}}", value: "$.p99"}
              judge: threshold
              options: {maxValue: 250, minRequests: 0}
        """;

    [Fact]
    public void Parse_FullCanaryAndAnalysis_ReturnsExpectedModel()
    {
        var manifest = ManifestLoader.Parse(ManifestText.With(Full), "greenlight.yaml").GetOrThrow();

        Assert.Null(manifest.Strategy.BlueGreen);
        var canary = Assert.IsType<CanarySpec>(manifest.Strategy.Canary);
        Assert.Equal(
            [
                new CanaryStep(CanaryStepKind.SetWeight, 5),
                new CanaryStep(CanaryStepKind.Analysis, Duration: TimeSpan.FromMinutes(2)),
                new CanaryStep(CanaryStepKind.Pause, Duration: TimeSpan.FromSeconds(30)),
                new CanaryStep(CanaryStepKind.SetWeight, 50),
                new CanaryStep(CanaryStepKind.Analysis, Duration: CanaryStep.DefaultAnalysisDuration),
                new CanaryStep(CanaryStepKind.Pause),
            ],
            canary.Steps);
        Assert.Equal(new StickySpec("shop-rev", "X-User-Id"), canary.Sticky);
        Assert.Equal(new HeaderRouteSpec("X-Canary", null, "always"), canary.HeaderRoute);
        Assert.Equal(TimeSpan.FromMinutes(10), canary.WarmFor);

        var analysis = manifest.Analysis;
        Assert.Equal((TimeSpan.FromSeconds(2), 5), (analysis.Interval, analysis.MaxProviderErrors));
        Assert.Equal(3, analysis.Metrics.Count);
        var edge = analysis.Metrics[0];
        Assert.Equal(("error-rate", MetricProviderKind.Edge, "errorRate"), (edge.Name, edge.Provider, edge.Judge));
        Assert.Equal((null, null), (edge.Prometheus, edge.Http));
        Assert.Equal(new Dictionary<string, string> { ["alpha"] = "0.01", ["minCanaryRequests"] = "50", ["maxCanaryRequests"] = "2000" }, edge.JudgeOptions);
        var prometheus = analysis.Metrics[1];
        Assert.Equal(MetricProviderKind.Prometheus, prometheus.Provider);
        Assert.Equal(
            new PrometheusQuerySpec(
                new Uri("http://127.0.0.1:9090"),
                "sum(greenlight_edge_requests_total{app=\"{{app}}\",revision=\"{{revision}}\"})",
                "sum(greenlight_edge_errors_total{revision=\"{{revision}}\"})",
                null,
                null),
            prometheus.Prometheus);
        Assert.Empty(prometheus.JudgeOptions);
        var http = analysis.Metrics[2];
        Assert.Equal((MetricProviderKind.Http, "threshold"), (http.Provider, http.Judge));
        Assert.Equal(new HttpMetricSpec("http://{{app}}.internal:9000/stats/{{revision}}", null, null, "$.p99"), http.Http);
        Assert.Equal(new Dictionary<string, string> { ["maxValue"] = "250", ["minRequests"] = "0" }, http.JudgeOptions);
    }

    [Fact]
    public void Parse_CanaryWithOnlySteps_AppliesDefaults()
    {
        var manifest = ManifestLoader.Parse(ManifestText.With("strategy:\n  canary:\n    steps: [setWeight: 20]"), "greenlight.yaml").GetOrThrow();

        var canary = Assert.IsType<CanarySpec>(manifest.Strategy.Canary);
        Assert.Equal([new CanaryStep(CanaryStepKind.SetWeight, 20)], canary.Steps);
        Assert.Equal((null, null, TimeSpan.Zero), (canary.Sticky, canary.HeaderRoute, canary.WarmFor));
        Assert.Null(manifest.Strategy.BlueGreen);
        Assert.Same(AnalysisSpec.Default, manifest.Analysis);
    }

    [Fact]
    public void Parse_EmptyStickyAndPause_AppliesTheirDefaults()
    {
        var canary = ManifestLoader.Parse(
            ManifestText.With("strategy:\n  canary:\n    steps:\n      - setWeight: 1\n      - pause:\n    sticky:"), "greenlight.yaml").GetOrThrow().Strategy.Canary!;

        Assert.Equal(new StickySpec("gl-revision", null), canary.Sticky);
        Assert.Equal(new CanaryStep(CanaryStepKind.Pause), canary.Steps[1]);
    }

    [Fact]
    public void Parse_NoAnalysisSection_UsesTheDefault() =>
        Assert.Same(AnalysisSpec.Default, ManifestLoader.Parse(ManifestText.Minimal, "greenlight.yaml").GetOrThrow().Analysis);

    [Fact]
    public void Parse_AnalysisWithOnlyMetrics_AppliesDefaults()
    {
        var analysis = ManifestLoader.Parse(
            ManifestText.With("analysis:\n  metrics:\n    - {name: slow, judge: Latency, provider: EDGE}"), "greenlight.yaml").GetOrThrow().Analysis;

        Assert.Equal((TimeSpan.FromSeconds(1), 3), (analysis.Interval, analysis.MaxProviderErrors));
        var metric = Assert.Single(analysis.Metrics);
        Assert.Equal(("slow", MetricProviderKind.Edge, "latency"), (metric.Name, metric.Provider, metric.Judge));
    }

    [Fact]
    public void Parse_CookieHeaderRoute_IsRead() =>
        Assert.Equal(
            new HeaderRouteSpec(null, "tester", "yes"),
            ManifestLoader.Parse(
                ManifestText.With("strategy:\n  canary:\n    steps: [setWeight: 1]\n    headerRoute: {cookie: tester, value: \"yes\"}"),
                "greenlight.yaml").GetOrThrow().Strategy.Canary!.HeaderRoute);
}
