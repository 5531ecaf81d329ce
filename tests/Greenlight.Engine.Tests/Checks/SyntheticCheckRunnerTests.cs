using System.Net;
using System.Net.Sockets;
using Greenlight.Core.Checks;
using Greenlight.Core.Manifest;
using Greenlight.Engine.Checks;

namespace Greenlight.Engine.Tests.Checks;

public sealed class SyntheticCheckRunnerTests(ShopStub shop) : IClassFixture<ShopStub>, IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task RunAsync_LoginThenCartJourney_PassesWithTheCapturedToken()
    {
        var report = await RunAsync("""
            - name: shopper
              steps:
                - name: login
                  method: POST
                  path: /login
                  body: '{"user":"demo","password":"demo"}'
                  expect: {jsonExists: [$.token], json: {$.user: demo}}
                  capture: {token: $.token}
                - name: add to cart
                  method: POST
                  path: /cart
                  headers: {Authorization: "Bearer ${token}"}
                  body: '{"sku":"green-tea","qty":2}'
                  expect: {status: 201, json: {"$.items[0].sku": green-tea, "$.items[0].qty": 2}}
            """);

        var result = Assert.Single(report.Results);
        Assert.True(report.Passed, report.Describe());
        Assert.Equal(("shopper", true, null, null), (result.Check, result.Passed, result.FailedStep, result.Reason));
    }

    [Fact]
    public async Task RunAsync_UnexpectedStatus_FailsWithBothStatusesAndABodyExcerpt() =>
        AssertFailure(
            await RunAsync("- {name: c, steps: [{name: status, path: /unavailable}]}"),
            "status",
            "expected status 200, got 503 (body: \"database down\")");

    [Fact]
    public async Task RunAsync_BodyWithoutExpectedText_FailsNamingTheText() =>
        AssertFailure(
            await RunAsync("- {name: c, steps: [{name: greet, path: /hello, expect: {bodyContains: goodbye}}]}"),
            "greet",
            "body did not contain \"goodbye\" (body: \"hello world\")");

    [Fact]
    public async Task RunAsync_JsonValueDiffers_FailsWithActualAndExpectedValues() =>
        AssertFailure(
            await RunAsync("- {name: c, steps: [{name: who, path: /profile, expect: {json: {$.user: demo}}}]}"),
            "who",
            "$.user was \"bob\", expected \"demo\"");

    [Fact]
    public async Task RunAsync_JsonValueMissing_FailsNamingThePath() =>
        AssertFailure(
            await RunAsync("- {name: c, steps: [{name: who, path: /profile, expect: {jsonExists: [$.token]}}]}"),
            "who",
            "$.token missing");

    [Fact]
    public async Task RunAsync_CaptureFromPlainText_FailsAsNotJson() =>
        AssertFailure(
            await RunAsync("- {name: c, steps: [{name: greet, path: /hello, capture: {who: $.user}}]}"),
            "greet",
            "response is not JSON (body: \"hello world\")");

    [Fact]
    public async Task RunAsync_LongErrorBody_KeepsAShortExcerptOnly()
    {
        var report = await RunAsync("- {name: c, steps: [{name: noisy, path: /noisy-error}]}");

        var reason = Assert.Single(report.Results).Reason;
        Assert.Equal($"expected status 200, got 500 (body: \"{new string('x', 200)}…\")", reason);
    }

    [Fact]
    public async Task RunAsync_FailingStep_StopsTheJourneyThere()
    {
        var report = await RunAsync("""
            - {name: first, steps: [{path: /hello}]}
            - name: second
              steps:
                - {path: /unavailable}
                - {path: /never-called}
            """);

        Assert.False(report.Passed);
        Assert.Equal([("first", true, null), ("second", false, "step 1")], report.Results.Select(r => (r.Check, r.Passed, r.FailedStep)));
        Assert.Equal(0, shop.NeverCalledHits);
    }

    [Fact]
    public async Task RunAsync_ResponseSlowerThanTheCheckTimeout_FailsWithTimeout()
    {
        var time = new ManualTimeProvider();
        var run = new SyntheticCheckRunner(http, time).RunAsync(Checks("- {name: c, steps: [{name: wait, path: /slow}]}"), shop.BaseAddress, CancellationToken.None);
        await shop.SlowRequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

        time.Advance(TimeSpan.FromSeconds(10));

        var result = Assert.Single((await run).Results);
        Assert.Equal(("wait", "timeout after 10s", TimeSpan.FromSeconds(10)), (result.FailedStep, result.Reason, result.Duration));
    }

    [Fact]
    public async Task RunAsync_NothingListening_FailsWithConnectionRefused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var report = await new SyntheticCheckRunner(http, TimeProvider.System)
            .RunAsync(Checks("- {name: c, steps: [{name: home, path: /}]}"), new Uri($"http://127.0.0.1:{closedPort}/"), CancellationToken.None);

        AssertFailure(report, "home", "connection refused");
    }

    private static IReadOnlyList<SyntheticCheck> Checks(string yaml) =>
        ManifestLoader.Parse("app: shop\nrun: {command: shop}\nedge: {listen: 127.0.0.1:8080}\nchecks:\n" + yaml, "greenlight.yaml").GetOrThrow().Checks;

    private static void AssertFailure(CheckReport report, string step, string reason)
    {
        Assert.False(report.Passed);
        var result = Assert.Single(report.Results);
        Assert.Equal((false, step, reason), (result.Passed, result.FailedStep, result.Reason));
    }

    private Task<CheckReport> RunAsync(string yaml) =>
        new SyntheticCheckRunner(http, TimeProvider.System).RunAsync(Checks(yaml), shop.BaseAddress, CancellationToken.None);
}
