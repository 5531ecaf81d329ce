using System.Diagnostics;
using Greenlight.Core.Analysis;
using Greenlight.Providers.Metrics;
using Greenlight.Providers.Tests.Metrics.Support;
using Greenlight.Providers.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Greenlight.Providers.Tests.Metrics.Http;

/// <summary>Against a JSON endpoint on loopback: <c>/stats/...</c> answers numbers, <c>/down</c> 503, <c>/hang</c> never.</summary>
public sealed class HttpMetricProviderTests : IAsyncLifetime
{
    private const string Stats = """{"stats":{"requests":120,"errors":3,"p99":0.25,"state":"fast"}}""";

    private LoopbackApp endpoint = null!;
    private string? lastTarget;

    public async Task InitializeAsync() => endpoint = await LoopbackApp.StartAsync(async context =>
    {
        lastTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        if (context.Request.Path.StartsWithSegments("/hang")) await Task.Delay(Timeout.Infinite, context.RequestAborted);
        if (context.Request.Path.StartsWithSegments("/down")) context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Stats);
    });

    public async Task DisposeAsync() => await endpoint.DisposeAsync();

    [Fact]
    public async Task MeasureAsync_JsonEndpoint_ReadsNumbersAtPathsWithEscapedPlaceholders()
    {
        var sample = await MeasureAsync("stats/{{app}}/{{revision}}", "$.stats.requests", "$.stats['errors']", "$.stats.p99", revision: "v 2/b");

        Assert.Equal(new RevisionSample(120, 3, null, 0.25), sample);
        Assert.Equal("/stats/shop/v%202%2Fb", lastTarget);
    }

    [Fact]
    public async Task MeasureAsync_MissingPath_ThrowsNamingThePath()
    {
        var error = await Assert.ThrowsAsync<MetricUnavailableException>(() => MeasureAsync("stats", requests: "$.stats.served"));

        Assert.Contains("no value at $.stats.served", error.Message);
    }

    [Fact]
    public async Task MeasureAsync_NonNumber_ThrowsNamingThePath()
    {
        var error = await Assert.ThrowsAsync<MetricUnavailableException>(() => MeasureAsync("stats", value: "$.stats.state"));

        Assert.Contains("$.stats.state is fast, not a number", error.Message);
    }

    [Fact]
    public async Task MeasureAsync_ErrorStatus_ThrowsWithTheStatus()
    {
        var error = await Assert.ThrowsAsync<MetricUnavailableException>(() => MeasureAsync("down", value: "$.stats.p99"));

        Assert.Contains("answered 503 ServiceUnavailable", error.Message);
    }

    [Fact]
    public async Task MeasureAsync_EndpointHangs_ThrowsOnceTheLimitPassed()
    {
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MetricUnavailableException>(() => MeasureAsync("hang", value: "$.stats.p99"));

        Assert.Contains("no answer within 5s", error.Message);
        // Well before the client's own 30 s timeout, with room for a loaded machine.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(20));
    }

    private Task<RevisionSample> MeasureAsync(
        string path, string? requests = null, string? errors = null, string? value = null, string revision = "v1")
    {
        var provider = MetricProviders.Create(MetricSpecs.Http(endpoint.Address + path, requests, errors, value), NoEdge.Router, TestHttp.Client);
        return provider.MeasureAsync("shop", revision, CancellationToken.None);
    }
}
