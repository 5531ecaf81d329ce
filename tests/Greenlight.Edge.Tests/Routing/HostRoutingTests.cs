using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Edge.Tests.Routing;

/// <summary>Several apps on one listen address, each picked by the request's host name.</summary>
public sealed class HostRoutingTests : TwoBackendTest
{
    private AppRoute Shop(params string[] hosts) => EdgeHarness.Route("shop", Listen, (Blue, 1)) with { Hosts = hosts };

    private AppRoute Tea(params string[] hosts) => EdgeHarness.Route("tea", Listen, (Green, 1)) with { Hosts = hosts };

    [Fact]
    public async Task TwoAppsOnOneAddress_EachHostNameReachesItsApp_CaseAndPortIgnored()
    {
        await Edge.ApplyAsync(Shop("shop.test"));
        await Edge.ApplyAsync(Tea("tea.test"));

        Assert.Equal((HttpStatusCode.OK, "blue"), await HostGetAsync(Listen, "shop.test"));
        Assert.Equal((HttpStatusCode.OK, "green"), await HostGetAsync(Listen, "TEA.Test:8080"));
        Assert.Equal((HttpStatusCode.OK, "blue"), await HostGetAsync(Listen, "shop.test."));
        Assert.Equal(1, (await Edge.TrafficAsync("tea"))["green"].Requests);
        Assert.Equal(2, (await Edge.TrafficAsync("shop"))["blue"].Requests);
    }

    [Fact]
    public async Task Wildcard_TakesOneLabel_AndAnExactNameOfAnotherAppBeatsIt()
    {
        await Edge.ApplyAsync(Shop("*.shop.test"));
        await Edge.ApplyAsync(Tea("admin.shop.test"));

        Assert.Equal((HttpStatusCode.OK, "blue"), await HostGetAsync(Listen, "eu.shop.test"));
        Assert.Equal((HttpStatusCode.OK, "green"), await HostGetAsync(Listen, "admin.shop.test"));
        Assert.Equal(HttpStatusCode.NotFound, (await HostGetAsync(Listen, "a.eu.shop.test")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await HostGetAsync(Listen, "shop.test")).Status);
    }

    [Fact]
    public async Task UnknownHost_Answers404SayingSo_AndReachesNoRevision()
    {
        await Edge.ApplyAsync(Shop("shop.test"));
        await Edge.ApplyAsync(Tea("tea.test"));

        var (status, body) = await HostGetAsync(Listen, "other.test");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("greenlight edge: no app on this address answers this host name\n", body);
        Assert.Equal(0, (await Edge.TrafficAsync("shop"))["blue"].Requests);
    }

    [Fact]
    public async Task OneAppWithHosts_AloneOnItsAddress_AnswersOnlyItsHosts()
    {
        await Edge.ApplyAsync(Shop("shop.test"));

        Assert.Equal((HttpStatusCode.OK, "blue"), await HostGetAsync(Listen, "shop.test"));
        Assert.Equal(HttpStatusCode.NotFound, (await HostGetAsync(Listen, "127.0.0.1")).Status);
    }

    [Theory]
    [InlineData("tea.test,shop.test", null, "hosts[1]", "'shop.test' is already served by app 'shop'")]
    [InlineData("", null, "hosts", "shared with app 'shop'")]
    [InlineData("tea.test", "tls", "tls", "app 'shop' serves")]
    public async Task Put_CannotShareTheAddress_Answers409NamingTheFieldAndChangesNothing(string hosts, string? tls, string field, string reason)
    {
        await Edge.ApplyAsync(Shop("shop.test"));
        var tea = EdgeHarness.Route("tea", Listen, (Green, 1)) with
        {
            Hosts = hosts.Length == 0 ? null : hosts.Split(','),
            Tls = tls is null ? null : new EdgeTls("/etc/none.crt.pem", "/etc/none.key.pem"),
        };

        using var response = await Edge.PutAsync(tea);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Contains(reason, error.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Edge.Admin.GetAsync("v1/routes/tea")).StatusCode);
        Assert.Equal((HttpStatusCode.OK, "blue"), await HostGetAsync(Listen, "shop.test"));
    }

    [Fact]
    public async Task Put_AppWithoutHostsOnTheAddress_AnotherAppIsRefusedNamingListen()
    {
        await Edge.ApplyAsync(EdgeHarness.Route("shop", Listen, (Blue, 1)));

        using var response = await Edge.PutAsync(Tea("tea.test"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("which names no hosts", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Delete_OneAppOfTwo_TheOtherKeepsServing_TheLastOneClosesThePort()
    {
        await Edge.ApplyAsync(Shop("shop.test"));
        await Edge.ApplyAsync(Tea("tea.test"));

        (await Edge.Admin.DeleteAsync("v1/routes/shop")).Dispose();

        Assert.Equal(HttpStatusCode.NotFound, (await HostGetAsync(Listen, "shop.test")).Status);
        Assert.Equal((HttpStatusCode.OK, "green"), await HostGetAsync(Listen, "tea.test"));
        (await Edge.Admin.DeleteAsync("v1/routes/tea")).Dispose();
        await Assert.ThrowsAsync<HttpRequestException>(() => HostGetAsync(Listen, "tea.test"));
    }

    [Fact]
    public async Task Put_AppMovesToAnotherAddressOrChangesHosts_TheOtherKeepsTheListener()
    {
        await Edge.ApplyAsync(Shop("shop.test"));
        await Edge.ApplyAsync(Tea("tea.test"));
        var elsewhere = Ports.FreeListen();

        await Edge.ApplyAsync(Shop("shop.test") with { Listen = elsewhere });
        await Edge.ApplyAsync(Tea("tea.test", "shop.test"));

        Assert.Equal((HttpStatusCode.OK, "blue"), await HostGetAsync(elsewhere, "shop.test"));
        Assert.Equal((HttpStatusCode.OK, "green"), await HostGetAsync(Listen, "shop.test"));
        Assert.Equal((HttpStatusCode.OK, "green"), await HostGetAsync(Listen, "tea.test"));
    }

    [Fact]
    public async Task Restart_SharedAddress_BothAppsRestoredByHost()
    {
        using var state = new TempDirectory();
        var listen = Ports.FreeListen();
        await using (var first = await EdgeHarness.StartAsync(state.Path))
        {
            await first.ApplyAsync(Shop("shop.test") with { Listen = listen });
            await first.ApplyAsync(Tea("*.tea.test") with { Listen = listen });
        }

        await using var second = await EdgeHarness.StartAsync(state.Path);

        Assert.Equal((HttpStatusCode.OK, "blue"), await HostGetAsync(listen, "shop.test"));
        Assert.Equal((HttpStatusCode.OK, "green"), await HostGetAsync(listen, "eu.tea.test"));
        Assert.Equal(["*.tea.test"], (await second.Admin.GetFromJsonAsync<AppRoute>("v1/routes/tea", EdgeHarness.Json))!.Hosts);
    }

    internal static async Task<(HttpStatusCode Status, string Body)> HostGetAsync(string listen, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{listen}/");
        request.Headers.Host = host;
        using var response = await EdgeHarness.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
