using System.Diagnostics;
using System.Net;
using Greenlight.Core.Traffic;
using Greenlight.Providers.Traffic.Haproxy;

namespace Greenlight.Providers.Tests.Traffic.Haproxy;

public sealed class HaproxyTrafficRouterTests
{
    private static readonly HttpClient NoCookies = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task ApplyAsync_Weights90To10_SplitThousandRequestsThatWay()
    {
        await using var scope = await HaproxyScope.StartAsync();
        await scope.Router.ApplyAsync(scope.Route(90, 10), CancellationToken.None);

        var answers = new List<string>();
        for (var i = 0; i < 1000; i++) answers.Add(await NoCookies.GetStringAsync(scope.Url));

        Assert.InRange(answers.Count(a => a == "v2"), 70, 130);
        Assert.Equal(1000, answers.Count(a => a is "v1" or "v2"));
    }

    [Fact]
    public async Task ApplyAsync_Request_RevisionGetsTheSameForwardedHeadersAsThroughTheEdge()
    {
        await using var scope = await HaproxyScope.StartAsync();
        await scope.Router.ApplyAsync(scope.Route(100, 0), CancellationToken.None);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(scope.Url, "/forwarded"));
        // A client's own claims are replaced, not passed on: a revision must be able to trust what the router says.
        request.Headers.Add("X-Forwarded-For", "10.9.9.9");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var answer = await (await NoCookies.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Equal($"127.0.0.1|http|{scope.Listen}", answer);
    }

    [Fact]
    public async Task ApplyAsync_HundredFlipsUnderLoad_LoseNoRequestAndNeverReload()
    {
        await using var scope = await HaproxyScope.StartAsync();
        await scope.Router.ApplyAsync(scope.Route(100, 0), CancellationToken.None);
        var pid = scope.HaproxyPid;
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var served = 0;
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await NoCookies.GetAsync(scope.Url);
                if (response.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref served);
                else Interlocked.Increment(ref failures);
            }
        })).ToArray();

        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1)); // about 4 s alone: a stalled flip fails, never hangs
        for (var flip = 1; flip <= 100; flip++)
        {
            await scope.Router.ApplyAsync(flip % 2 == 1 ? scope.Route(0, 100) : scope.Route(100, 0), bound.Token);
            var expected = flip % 2 == 1 ? "v2" : "v1";
            Assert.Equal(expected, await NoCookies.GetStringAsync(scope.Url, bound.Token));
        }

        stop.Cancel();
        await Task.WhenAll(load);
        Assert.Equal(0, failures);
        Assert.True(served > 100, $"only {served} requests under load");
        Assert.Equal(pid, scope.HaproxyPid);
    }

    [Fact]
    public async Task ApplyAsync_RevisionLeavesTheRoute_ItsInFlightRequestFinishes()
    {
        await using var scope = await HaproxyScope.StartAsync();
        await scope.Router.ApplyAsync(scope.Route(100, 0), CancellationToken.None);
        var slow = NoCookies.GetStringAsync(new Uri(scope.Url, "slow"));
        await scope.SlowArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await scope.Router.ApplyAsync(scope.Route(100, 0) with { Backends = [new RouteBackend("v2", scope.V2.Address, 100)] }, CancellationToken.None);

        Assert.Equal("v2", await NoCookies.GetStringAsync(scope.Url));
        Assert.False(slow.IsCompleted);
        scope.ReleaseSlow();
        Assert.Equal("v1", await slow);
        Assert.Equal(0, (await scope.Router.GetTrafficAsync(scope.App, CancellationToken.None))["v2"].InFlight);
    }

    [Fact]
    public async Task RemoveAsync_ReturnsOnlyAfterTheInFlightRequestFinished()
    {
        await using var scope = await HaproxyScope.StartAsync();
        await scope.Router.ApplyAsync(scope.Route(100, 0), CancellationToken.None);
        var slow = NoCookies.GetStringAsync(new Uri(scope.Url, "slow"));
        await scope.SlowArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var removal = scope.Router.RemoveAsync(scope.App, CancellationToken.None);
        await Task.Delay(200); // the removal must still be waiting for the request in flight
        Assert.False(removal.IsCompleted);
        scope.ReleaseSlow();

        Assert.Equal("v1", await slow);
        Assert.True(await removal);
        Assert.Null(await scope.Router.GetAsync(scope.App, CancellationToken.None));
        Assert.False(await scope.Router.RemoveAsync(scope.App, CancellationToken.None));
    }

    [Fact]
    public async Task ApplyAsync_TesterHeaderRoute_SendsTheTesterToTheCanaryAtWeightZero()
    {
        await using var scope = await HaproxyScope.StartAsync();
        await scope.Router.ApplyAsync(scope.Route(100, 0, matches: [new MatchRoute("v2", "X-Tester", null, "alice")]), CancellationToken.None);

        for (var i = 0; i < 10; i++)
        {
            using var tester = new HttpRequestMessage(HttpMethod.Get, scope.Url) { Headers = { { "X-Tester", "alice" } } };
            Assert.Equal("v2", await (await NoCookies.SendAsync(tester)).Content.ReadAsStringAsync());
            using var other = new HttpRequestMessage(HttpMethod.Get, scope.Url) { Headers = { { "X-Tester", "bob" } } };
            Assert.Equal("v1", await (await NoCookies.SendAsync(other)).Content.ReadAsStringAsync());
        }

        // The tester map changes at run time: alice now pinned to v1 while v2 takes the weights.
        await scope.Router.ApplyAsync(scope.Route(0, 100, matches: [new MatchRoute("v1", "X-Tester", null, "alice")]), CancellationToken.None);
        using var again = new HttpRequestMessage(HttpMethod.Get, scope.Url) { Headers = { { "X-Tester", "alice" } } };
        Assert.Equal("v1", await (await NoCookies.SendAsync(again)).Content.ReadAsStringAsync());
        Assert.Equal("v2", await NoCookies.GetStringAsync(scope.Url));
    }

    [Fact]
    public async Task ApplyAsync_StickyCookie_KeepsEachClientOnItsRevision()
    {
        await using var scope = await HaproxyScope.StartAsync();
        await scope.Router.ApplyAsync(scope.Route(50, 50, sticky: new StickyRoute("gl_rev", null)), CancellationToken.None);

        var seen = new HashSet<string>();
        for (var client = 0; client < 6; client++)
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, CookieContainer = new CookieContainer() });
            var first = await http.GetStringAsync(scope.Url);
            seen.Add(first);
            for (var i = 0; i < 10; i++) Assert.Equal(first, await http.GetStringAsync(scope.Url));
        }

        Assert.Equal(["v1", "v2"], seen.Order());
    }

    [Fact]
    public async Task GetTrafficAsync_CountsRequestsAnd5xxPerRevision_WithoutLatency()
    {
        await using var scope = await HaproxyScope.StartAsync();
        await scope.Router.ApplyAsync(scope.Route(50, 50), CancellationToken.None);
        for (var i = 0; i < 40; i++) (await NoCookies.GetAsync(new Uri(scope.Url, "fail"))).Dispose();

        var traffic = await scope.Router.GetTrafficAsync(scope.App, CancellationToken.None);

        Assert.Equal(40, traffic["v1"].Requests + traffic["v2"].Requests);
        Assert.InRange(traffic["v2"].Requests, 10, 30);
        Assert.Equal(traffic["v2"].Requests, traffic["v2"].ServerErrors);
        Assert.Equal(0, traffic["v1"].ServerErrors);
        Assert.Null(traffic["v1"].Latency);
        Assert.Equal(scope.Route(50, 50), await scope.Router.GetAsync(scope.App, CancellationToken.None), new RouteComparer());
    }

    [Fact]
    public async Task ApplyAsync_HaproxyBuiltWithItsExporter_ServesPerServerCountersForDashboardsOnTheAdminPort()
    {
        await using var scope = await HaproxyScope.StartAsync();
        await scope.Router.ApplyAsync(scope.Route(0, 100), CancellationToken.None);
        (await NoCookies.GetAsync(new Uri(scope.Url, "fail"))).Dispose();

        var metrics = await NoCookies.GetStringAsync($"http://127.0.0.1:{scope.AdminPort}/metrics");

        Assert.Contains("haproxy_server_http_responses_total{proxy=\"revisions\",server=\"s2\",code=\"5xx\"} 1", metrics);
    }

    [Fact]
    public async Task GetTrafficAsync_HaproxyKilled_ErrorNamesTheStatsSocket()
    {
        await using var scope = await HaproxyScope.StartAsync();
        await scope.Router.ApplyAsync(scope.Route(100, 0), CancellationToken.None);
        using (var haproxy = Process.GetProcessById(scope.HaproxyPid!.Value))
        {
            haproxy.Kill();
            await haproxy.WaitForExitAsync();
        }

        var error = await Assert.ThrowsAsync<HaproxyException>(() => scope.Router.GetTrafficAsync(scope.App, CancellationToken.None));
        Assert.Contains(scope.Socket, error.Message);

        // Applying the route again starts a fresh haproxy from the route: traffic flows again.
        await scope.Router.ApplyAsync(scope.Route(0, 100), CancellationToken.None);
        Assert.Equal("v2", await NoCookies.GetStringAsync(scope.Url));
    }

    private sealed class RouteComparer : IEqualityComparer<AppRoute?>
    {
        public bool Equals(AppRoute? x, AppRoute? y) =>
            x is not null && y is not null && x.App == y.App && x.Listen == y.Listen && x.Backends.SequenceEqual(y.Backends);

        public int GetHashCode(AppRoute? route) => 0;
    }
}
