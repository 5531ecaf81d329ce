using Greenlight.Core.Manifest;
using Greenlight.Providers.Metrics;
using Greenlight.Providers.Tests.Metrics.Support;
using Greenlight.Providers.Tests.Support;

namespace Greenlight.Providers.Tests.Metrics;

public sealed class MetricProvidersTests
{
    public static TheoryData<MetricSpec, string> Specs => new()
    {
        { MetricSpecs.Edge(), "edge" },
        { MetricSpecs.Prometheus(new Uri("http://127.0.0.1:9090"), requests: "up"), "prometheus" },
        { MetricSpecs.Http("http://127.0.0.1:1/{{app}}", value: "$.x"), "http" },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Create_EachKind_BuildsProviderNamedForManifest(MetricSpec spec, string name) =>
        Assert.Equal(name, MetricProviders.Create(spec, NoEdge.Router, TestHttp.Client).Name);

    [Fact]
    public void Create_KindWithoutItsSettings_ThrowsNamingTheMetric()
    {
        var spec = MetricSpecs.Edge() with { Provider = MetricProviderKind.Prometheus };

        var error = Assert.Throws<ArgumentException>(() => MetricProviders.Create(spec, NoEdge.Router, TestHttp.Client));

        Assert.Contains("metric 'test-metric' uses the prometheus provider but has no prometheus settings", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1/", null, "no JSON path given")]
    [InlineData("http://127.0.0.1:1/", "stats.value", "\"stats.value\" is not a supported JSON path")]
    [InlineData("/stats/{{app}}", "$.value", "not an absolute http(s) URL")]
    public void Create_UnusableHttpSettings_Throws(string url, string? value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => MetricProviders.Create(MetricSpecs.Http(url, value: value), NoEdge.Router, TestHttp.Client));

        Assert.Contains(expected, error.Message);
    }
}
