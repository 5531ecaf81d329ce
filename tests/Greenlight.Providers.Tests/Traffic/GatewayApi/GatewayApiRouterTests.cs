using System.Text.Json.Nodes;
using Greenlight.Core.Traffic;
using Greenlight.Providers.Kubernetes;
using Greenlight.Providers.Tests.Targets.Kubernetes;

namespace Greenlight.Providers.Tests.Traffic.GatewayApi;

/// <summary>The Gateway API router against <see cref="Testing.Kubernetes.FakeKubernetesApi"/>, a fake of the API server.</summary>
public sealed class GatewayApiRouterTests
{
    private static readonly string Blue = KubernetesNames.Revision("shop", "2.4.1");
    private static readonly string Green = KubernetesNames.Revision("shop", "2.5.0");

    [Fact]
    public async Task Apply_CanarySteps_PutEachStepsWeightsInTheHttpRoutesBackendRefs()
    {
        await using var cluster = await KubernetesCluster.StartAsync();
        var router = KubernetesProviders.Router(cluster.Client, [cluster.Manifest], TimeProvider.System);

        foreach (var canary in new[] { 10, 50, 100 })
        {
            await router.ApplyAsync(Route((Blue: 100 - canary, Green: canary)), CancellationToken.None);

            Assert.Equal([(Blue, 8080, 100 - canary), (Green, 8080, canary)], Backends(RuleOf(cluster, 0)));
        }
        var route = cluster.Api.Get("httproutes", "shop", "shop")!;
        Assert.Equal("public", (string?)route["spec"]!["parentRefs"]![0]!["name"]);
        Assert.Equal("infra", (string?)route["spec"]!["parentRefs"]![0]!["namespace"]);
        Assert.Equal("shop.example.com", (string?)route["spec"]!["hostnames"]![0]);
        Assert.All(cluster.Api.Requests.Where(r => r.StartsWith("PATCH", StringComparison.Ordinal)),
            r => Assert.StartsWith("PATCH /apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes/shop?fieldManager=greenlight&force=true application/apply-patch+yaml", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_BlueGreenFlip_MovesAllTrafficAtOnce_AndGetReadsTheRouteBack()
    {
        await using var cluster = await KubernetesCluster.StartAsync();
        var router = KubernetesProviders.Router(cluster.Client, [cluster.Manifest], TimeProvider.System);
        await router.ApplyAsync(Route((Blue: 100, Green: 0)), CancellationToken.None);

        await router.ApplyAsync(Route((Blue: 0, Green: 100)), CancellationToken.None);

        Assert.Equal([(Blue, 8080, 0), (Green, 8080, 100)], Backends(RuleOf(cluster, 0)));
        var read = await KubernetesProviders.Router(cluster.Client, [cluster.Manifest], TimeProvider.System).GetAsync("shop", CancellationToken.None);
        Assert.Equal([("2.4.1", 0), ("2.5.0", 100)], read!.Backends.Select(b => (b.Revision, b.Weight)));
    }

    [Fact]
    public async Task Apply_TesterHeaderRoute_IsARuleMatchingTheHeaderExactly_BeforeTheWeights()
    {
        await using var cluster = await KubernetesCluster.StartAsync();
        var router = KubernetesProviders.Router(cluster.Client, [cluster.Manifest], TimeProvider.System);

        await router.ApplyAsync(Route((Blue: 90, Green: 10)) with { Matches = [new MatchRoute("2.5.0", "X-Canary", null, "always")] }, CancellationToken.None);

        var testers = RuleOf(cluster, 0);
        var header = testers["matches"]![0]!["headers"]![0]!;
        Assert.Equal(("Exact", "X-Canary", "always"), ((string?)header["type"], (string?)header["name"], (string?)header["value"]));
        Assert.Equal([(Green, 8080, 1)], Backends(testers));
        Assert.Equal([(Blue, 8080, 90), (Green, 8080, 10)], Backends(RuleOf(cluster, 1)));
    }

    [Fact]
    public async Task Apply_StickyOrCookieRoute_IsRefusedLoudly_AndNothingIsWritten()
    {
        await using var cluster = await KubernetesCluster.StartAsync();
        var router = KubernetesProviders.Router(cluster.Client, [cluster.Manifest], TimeProvider.System);

        var sticky = await Assert.ThrowsAsync<ClusterException>(() => router.ApplyAsync(Route((90, 10)) with { Sticky = new StickyRoute("gl-revision", null) }, CancellationToken.None));
        var cookie = await Assert.ThrowsAsync<ClusterException>(() =>
            router.ApplyAsync(Route((90, 10)) with { Matches = [new MatchRoute("2.5.0", null, "canary", "yes")] }, CancellationToken.None));

        Assert.Equal("shop: sticky sessions are not possible with a Gateway API HTTPRoute, which splits by weight on every request", sticky.Message);
        Assert.Equal("shop: a tester route by cookie canary is not possible with an HTTPRoute, which matches headers only", cookie.Message);
        Assert.Null(cluster.Api.Get("httproutes", "shop", "shop"));
    }

    [Fact]
    public async Task Apply_ConflictWithAnotherWriter_IsRetriedOnTheRouteAsReadAgain()
    {
        await using var cluster = await KubernetesCluster.StartAsync();
        var router = KubernetesProviders.Router(cluster.Client, [cluster.Manifest], TimeProvider.System);
        await router.ApplyAsync(Route((100, 0)), CancellationToken.None);
        cluster.Api.ChangeBeforeNextWrite("httproutes", "shop", "shop");

        await router.ApplyAsync(Route((50, 50)), CancellationToken.None);

        Assert.Equal(1, cluster.Api.Conflicts);
        Assert.Equal([(Blue, 8080, 50), (Green, 8080, 50)], Backends(RuleOf(cluster, 0)));
    }

    [Fact]
    public async Task Remove_DeletesTheHttpRoute_AndGetTrafficHasNoCounts()
    {
        await using var cluster = await KubernetesCluster.StartAsync();
        var router = KubernetesProviders.Router(cluster.Client, [cluster.Manifest], TimeProvider.System);
        await router.ApplyAsync(Route((100, 0)), CancellationToken.None);

        Assert.Empty(await router.GetTrafficAsync("shop", CancellationToken.None)); // analysis reads Prometheus instead
        Assert.True(await router.RemoveAsync("shop", CancellationToken.None));
        Assert.False(await router.RemoveAsync("shop", CancellationToken.None));
        Assert.Null(await router.GetAsync("shop", CancellationToken.None));
    }

    private static AppRoute Route((int Blue, int Green) weights) => new("shop", "shop.example.com:80",
    [
        new RouteBackend("2.4.1", new Uri("http://127.0.0.1:8080/"), weights.Blue),
        new RouteBackend("2.5.0", new Uri("http://127.0.0.1:8080/"), weights.Green),
    ]);

    private static JsonNode RuleOf(KubernetesCluster cluster, int index) => cluster.Api.Get("httproutes", "shop", "shop")!["spec"]!["rules"]![index]!;

    private static List<(string?, int?, int?)> Backends(JsonNode rule) =>
        [.. rule["backendRefs"]!.AsArray().Select(b => ((string?)b!["name"], (int?)b["port"], (int?)b["weight"]))];
}
