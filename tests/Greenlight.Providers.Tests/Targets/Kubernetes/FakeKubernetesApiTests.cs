using System.Net;
using System.Text;
using Greenlight.Testing.Kubernetes;

namespace Greenlight.Providers.Tests.Targets.Kubernetes;

/// <summary>The fake refuses what the API server refuses, so that the Kubernetes tests can fail on a wrong request.</summary>
public sealed class FakeKubernetesApiTests
{
    private const string Route = "/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes/shop";

    private const string ValidRoute = """
        {"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"shop"},
         "spec":{"parentRefs":[{"name":"public"}],"rules":[{"backendRefs":[{"name":"shop-v1","port":8080,"weight":100}]}]}}
        """;

    [Fact]
    public async Task Patch_NotServerSideApply_Is415()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var http = new HttpClient { BaseAddress = api.Address };

        using var answer = await http.PatchAsync(Route + "?fieldManager=greenlight", new StringContent(ValidRoute, Encoding.UTF8, "application/merge-patch+json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.StatusCode);
    }

    [Fact]
    public async Task Apply_WithoutFieldManager_Is400LikeTheApiServer()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var http = new HttpClient { BaseAddress = api.Address };

        using var answer = await http.PatchAsync(Route, Apply(ValidRoute));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("fieldManager: Required value: is required for apply patch", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Apply_ServiceBackendWithoutPort_Is422NamingTheRule()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var http = new HttpClient { BaseAddress = api.Address };

        using var answer = await http.PatchAsync(Route + "?fieldManager=greenlight", Apply(ValidRoute.Replace("\"port\":8080,", "")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Contains("Must have port for Service reference", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Put_StaleResourceVersion_Is409_AndTheCurrentOneIsTaken()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var http = new HttpClient { BaseAddress = api.Address };
        using var created = await http.PatchAsync(Route + "?fieldManager=greenlight", Apply(ValidRoute));
        var current = (string?)api.Get("httproutes", "shop", "shop")!["metadata"]!["resourceVersion"];
        string With(string rv) => ValidRoute.Replace("\"name\":\"shop\"}", $"\"name\":\"shop\",\"resourceVersion\":\"{rv}\"}}");

        using var stale = await http.PutAsync(Route, new StringContent(With("1"), Encoding.UTF8, "application/json"));
        using var fresh = await http.PutAsync(Route, new StringContent(With(current!), Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.OK), (created.StatusCode, stale.StatusCode, fresh.StatusCode));
    }

    [Fact]
    public async Task Get_UnknownObjectOrResource_Is404Status()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var http = new HttpClient { BaseAddress = api.Address };

        using var missing = await http.GetAsync(Route);
        using var unknown = await http.GetAsync("/api/v1/namespaces/shop/configmaps/x");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (missing.StatusCode, unknown.StatusCode));
        Assert.Contains("\"kind\":\"Status\"", await missing.Content.ReadAsStringAsync());
    }

    private static StringContent Apply(string body) => new(body, Encoding.UTF8, "application/apply-patch+yaml");
}
