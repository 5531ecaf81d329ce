using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Greenlight.Providers.Tests.Support;

namespace Greenlight.Providers.Tests.Shop;

public sealed class ShopJourneyTests(RunningShop shop) : IClassFixture<RunningShop>
{
    private readonly Uri baseAddress = shop.Handle.BaseAddress;

    [Fact]
    public async Task Cart_AfterLogin_AddsAndListsItems()
    {
        var token = await LoginAsync("demo", "demo");
        const string sku = "green-tea";

        using var first = await SendAsync(HttpMethod.Post, "cart", token, new { sku, qty = 2 });
        using var second = await SendAsync(HttpMethod.Post, "cart", token, new { sku, qty = 3 });
        using var listed = await SendAsync(HttpMethod.Get, "cart", token);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var cart = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("demo", cart.GetProperty("user").GetString());
        var line = Assert.Single(cart.GetProperty("items").EnumerateArray());
        Assert.Equal(sku, line.GetProperty("sku").GetString());
        Assert.Equal(5, line.GetProperty("qty").GetInt32());
    }

    [Fact]
    public async Task Cart_NewLogin_StartsEmpty()
    {
        var first = await LoginAsync("demo", "demo");
        using var added = await SendAsync(HttpMethod.Post, "cart", first, new { sku = "A", qty = 1 });

        using var listed = await SendAsync(HttpMethod.Get, "cart", await LoginAsync("demo", "demo"));

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var cart = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement;
        Assert.Empty(cart.GetProperty("items").EnumerateArray());
        Assert.Equal(0, cart.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Login_WrongPassword_Returns401()
    {
        using var response = await TestHttp.Client.PostAsJsonAsync(new Uri(baseAddress, "login"), new { user = "demo", password = "nope" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Cart_WithoutValidToken_Returns401(string? token)
    {
        using var get = await SendAsync(HttpMethod.Get, "cart", token);
        using var post = await SendAsync(HttpMethod.Post, "cart", token, new { sku = "A", qty = 1 });

        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
    }

    [Fact]
    public async Task Cart_ZeroQuantity_Returns400()
    {
        using var response = await SendAsync(HttpMethod.Post, "cart", await LoginAsync("demo", "demo"), new { sku = "A", qty = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("", HttpStatusCode.OK, "Version 1.0")]
    [InlineData("health", HttpStatusCode.OK, "ok")]
    [InlineData("version", HttpStatusCode.OK, "\"version\":\"1.0\"")]
    [InlineData("cart", HttpStatusCode.Unauthorized, "")]
    [InlineData("no-such-page", HttpStatusCode.NotFound, "")]
    public async Task Get_AnyPath_AnswersWithVersionHeader(string path, HttpStatusCode status, string body)
    {
        using var response = await TestHttp.Client.GetAsync(new Uri(baseAddress, path));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("1.0", Assert.Single(response.Headers.GetValues("X-Shop-Version")));
        Assert.Contains(body, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> LoginAsync(string user, string password)
    {
        using var response = await TestHttp.Client.PostAsJsonAsync(new Uri(baseAddress, "login"), new { user, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(user, body.GetProperty("user").GetString());
        return body.GetProperty("token").GetString()!;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(baseAddress, path))
        {
            Content = json is null ? null : JsonContent.Create(json),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return TestHttp.Client.SendAsync(request);
    }
}
