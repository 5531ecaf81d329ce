using Greenlight.Testing;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Tests.Support;

namespace Greenlight.Edge.Tests.Admin;

public sealed class AdminApiTests : IAsyncLifetime
{
    private const string OneBackend = """{"app":"shop","listen":"127.0.0.1:1","backends":[{"revision":"a","address":"http://x/","weight":1}]""";

    private readonly TempDirectory _state = new();
    private EdgeHarness _edge = null!;

    public async Task InitializeAsync() => _edge = await EdgeHarness.StartAsync(_state.Path);

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        _state.Dispose();
    }

    [Theory]
    [InlineData("v1/health", null)]
    [InlineData("v1/routes", "Bearer wrong-token")]
    [InlineData("metrics", "Basic dXNlcjpwYXNz")]
    [InlineData("v1/routes/shop", "Bearer ")]
    public async Task Admin_MissingOrWrongToken_Answers401(string path, string? authorization)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = _edge.Server.AdminAddress };
        if (authorization is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Admin_ValidToken_HealthAnswersOk()
    {
        using var health = await _edge.Admin.GetFromJsonAsync<JsonDocument>("v1/health");

        Assert.Equal("ok", health!.RootElement.GetProperty("status").GetString());
        Assert.Equal(Environment.ProcessId, health.RootElement.GetProperty("pid").GetInt32());
    }

    [Theory]
    [InlineData("""{"app":"shop","listen":"nowhere","backends":[]}""", "listen")]
    [InlineData("""{"app":"shop","listen":"127.0.0.1:1","backends":[{"revision":"a","address":"http://x/","weight":-5}]}""", "backends[0].weight")]
    [InlineData("""{"app":"shop","listen":"127.0.0.1:1","backends":[{"revision":"a","address":"x/y","weight":1}]}""", "backends[0].address")]
    [InlineData("""{"app":"shop","listen":"127.0.0.1:1","backends":[{"revision":"a","address":"http://x/","weight":1},{"revision":"a","address":"http://y/","weight":1}]}""", "backends[1].revision")]
    [InlineData("""{"app":"shop","listen":"127.0.0.1:1","backends":[{"revision":"a","address":"http://x/","weight":"heavy"}]}""", "backends[0].weight")]
    [InlineData("""{"app":"shop","listen":"127.0.0.1:1","backends":[{"revision":"a","address":"http://x/","weigth":1}]}""", "backends[0].weigth")]
    [InlineData("""{"app":"cart","listen":"127.0.0.1:1","backends":[]}""", "app")]
    // A pattern ending in $ would match before the final newline.
    [InlineData("""{"app":"shop","listen":"127.0.0.1:1","backends":[{"revision":"a\n","address":"http://x/","weight":1}]}""", "backends[0].revision")]
    [InlineData("not json", "body")]
    [InlineData(OneBackend + ""","matches":[{"revision":"b","header":"X-T","value":"1"}]}""", "matches[0].revision")]
    [InlineData(OneBackend + ""","matches":[{"revision":"a","header":"X-T","cookie":"t","value":"1"}]}""", "matches[0]")]
    [InlineData(OneBackend + ""","matches":[{"revision":"a","value":"1"}]}""", "matches[0]")]
    [InlineData(OneBackend + ""","matches":[{"revision":"a","header":"X-T","value":""}]}""", "matches[0].value")]
    [InlineData(OneBackend + ""","matches":[{"revision":"a","cookie":"t","value":"a b"}]}""", "matches[0].value")]
    [InlineData(OneBackend + ""","matches":[{"revision":"a","header":"X T","value":"1"}]}""", "matches[0].header")]
    [InlineData(OneBackend + ""","matches":[{"revision":"a","cookie":"t=1","value":"1"}]}""", "matches[0].cookie")]
    [InlineData(OneBackend + ""","sticky":{"cookie":"gl;rev"}}""", "sticky.cookie")]
    [InlineData(OneBackend + ""","sticky":{"header":"X-User"}}""", "sticky.cookie")]
    [InlineData(OneBackend + ""","sticky":{"cookie":"gl-rev","header":"X User"}}""", "sticky.header")]
    public async Task Put_InvalidRoute_Answers400NamingTheField(string json, string field)
    {
        using var response = await _edge.Admin.PutAsync("v1/routes/shop", new StringContent(json, Encoding.UTF8, "application/json"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = body.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString());
        Assert.Contains(field, fields);
        Assert.Contains(field, body.RootElement.GetProperty("error").GetString());
        Assert.Null(await GetRouteOrNull("shop"));
    }

    [Fact]
    public async Task Put_AppEndingInANewline_Answers400NamingTheApp()
    {
        var json = """{"app":"shop\n","listen":"127.0.0.1:1","backends":[]}""";

        using var response = await _edge.Admin.PutAsync("v1/routes/shop%0A", new StringContent(json, Encoding.UTF8, "application/json"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["app"], body.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Put_ListenUsedByAnotherApp_Answers409()
    {
        await using var blue = await TestBackend.StartAsync("blue");
        var listen = Ports.FreeListen();
        await _edge.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, 1)));

        using var response = await _edge.PutAsync(EdgeHarness.Route("cart", listen, (blue, 1)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already used by app 'shop'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Put_ListenPortTakenByAnotherProcess_Answers409AndKeepsNothing()
    {
        await using var blue = await TestBackend.StartAsync("blue");
        var taken = blue.Address.Authority;

        using var response = await _edge.PutAsync(EdgeHarness.Route("shop", taken, (blue, 1)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Null(await GetRouteOrNull("shop"));
    }

    [Fact]
    public async Task RoutesApi_PutGetListDelete_RoundTrips()
    {
        await using var blue = await TestBackend.StartAsync("blue");
        var listen = Ports.FreeListen();
        var route = EdgeHarness.Route("shop", listen, (blue, 7));
        await _edge.ApplyAsync(route);

        var fetched = await GetRouteOrNull("shop");
        var all = await _edge.Admin.GetFromJsonAsync<List<AppRoute>>("v1/routes", EdgeHarness.Json);
        using var deleted = await _edge.Admin.DeleteAsync("v1/routes/shop");
        using var deletedAgain = await _edge.Admin.DeleteAsync("v1/routes/shop");

        Assert.Equal(route.Backends, fetched!.Backends);
        Assert.Equal(listen, Assert.Single(all!).Listen);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Null(await GetRouteOrNull("shop"));
        await Assert.ThrowsAsync<HttpRequestException>(() => EdgeHarness.Client.GetAsync($"http://{listen}/"));
    }

    [Fact]
    public async Task Put_ListenMoved_OldPortClosedNewPortServes()
    {
        await using var blue = await TestBackend.StartAsync("blue");
        var first = Ports.FreeListen();
        var second = Ports.FreeListen();
        await _edge.ApplyAsync(EdgeHarness.Route("shop", first, (blue, 1)));

        await _edge.ApplyAsync(EdgeHarness.Route("shop", second, (blue, 1)));

        Assert.Equal("blue", await EdgeHarness.GetAsync(second));
        await Assert.ThrowsAsync<HttpRequestException>(() => EdgeHarness.Client.GetAsync($"http://{first}/"));
    }

    [Fact]
    public async Task Traffic_UnknownApp_Answers404()
    {
        using var response = await _edge.Admin.GetAsync("v1/routes/nope/traffic");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<AppRoute?> GetRouteOrNull(string app)
    {
        using var response = await _edge.Admin.GetAsync($"v1/routes/{app}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<AppRoute>(EdgeHarness.Json);
    }
}
