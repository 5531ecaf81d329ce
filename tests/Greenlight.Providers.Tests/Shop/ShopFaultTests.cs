using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Greenlight.Providers.Tests.Support;

namespace Greenlight.Providers.Tests.Shop;

public sealed class ShopFaultTests
{
    [Fact]
    public async Task ErrorRate_One_FailsShoppingRequestsButNotProbes()
    {
        await using var scope = new RevisionScope();
        var shop = (await scope.StartAsync(scope.Shop("1.0", ("Shop__ErrorRate", "1")))).BaseAddress;

        using var home = await TestHttp.Client.GetAsync(shop);
        using var login = await TestHttp.Client.PostAsJsonAsync(new Uri(shop, "login"), new { user = "demo", password = "demo" });
        using var health = await TestHttp.Client.GetAsync(new Uri(shop, "health"));

        Assert.Equal(HttpStatusCode.InternalServerError, home.StatusCode);
        Assert.Equal("1.0", Assert.Single(home.Headers.GetValues("X-Shop-Version")));
        Assert.Equal(HttpStatusCode.InternalServerError, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ErrorRate_Quarter_FailsAboutAQuarterOfRequests()
    {
        await using var scope = new RevisionScope();
        var shop = (await scope.StartAsync(scope.Shop("1.0", ("Shop__ErrorRate", "0.25"), ("Shop__Seed", "7")))).BaseAddress;

        var failures = 0;
        for (var i = 0; i < 400; i++)
        {
            using var response = await TestHttp.Client.GetAsync(shop);
            failures += response.StatusCode == HttpStatusCode.InternalServerError ? 1 : 0;
        }

        Assert.InRange(failures, 60, 140);
    }

    [Fact]
    public async Task LatencyMs_Set_DelaysShoppingRequests()
    {
        await using var scope = new RevisionScope();
        var shop = (await scope.StartAsync(scope.Shop("1.0", ("Shop__LatencyMs", "300")))).BaseAddress;
        var clock = Stopwatch.StartNew();

        using var response = await TestHttp.Client.GetAsync(shop);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"answered after {clock.Elapsed}");
    }

    [Theory]
    [InlineData("2.0", null, null, 0.0, 0, HttpStatusCode.OK)]
    [InlineData("2.1", null, null, 0.0, 0, HttpStatusCode.ServiceUnavailable)]
    [InlineData("2.2", null, null, 0.05, 0, HttpStatusCode.OK)]
    [InlineData("2.3", null, null, 0.0, 150, HttpStatusCode.OK)]
    [InlineData("2.3.7", null, null, 0.0, 150, HttpStatusCode.OK)]
    [InlineData("2.1", "Shop__Healthy", "true", 0.0, 0, HttpStatusCode.OK)]
    [InlineData("2.2", "Shop__ErrorRate", "0", 0.0, 0, HttpStatusCode.OK)]
    [InlineData("1.0", "Shop__Healthy", "false", 0.0, 0, HttpStatusCode.ServiceUnavailable)]
    public async Task Version_Release_AppliesReleaseDefaultsUnderExplicitSettings(
        string version, string? setting, string? value, double errorRate, int latencyMs, HttpStatusCode health)
    {
        await using var scope = new RevisionScope();
        (string, string)[] settings = setting is null ? [] : [(setting, value!)];
        // Probed on /version: some of these releases are meant to fail /health.
        var spec = scope.Shop(version, settings) with { HealthPath = "/version" };
        var shop = (await scope.StartAsync(spec)).BaseAddress;

        var reported = JsonDocument.Parse(await TestHttp.Client.GetStringAsync(new Uri(shop, "version"))).RootElement;
        using var healthResponse = await TestHttp.Client.GetAsync(new Uri(shop, "health"));

        Assert.Equal(version, reported.GetProperty("version").GetString());
        Assert.Equal(errorRate, reported.GetProperty("errorRate").GetDouble());
        Assert.Equal(latencyMs, reported.GetProperty("latencyMs").GetInt32());
        Assert.Equal(health, healthResponse.StatusCode);
    }
}
