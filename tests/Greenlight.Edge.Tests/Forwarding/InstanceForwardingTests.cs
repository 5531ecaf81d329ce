using System.Net.Http.Json;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Edge.Tests.Forwarding;

/// <summary>A revision of several instances: its share of traffic is spread over its addresses, its counters stay its own.</summary>
public sealed class InstanceForwardingTests : TwoBackendTest
{
    [Fact]
    public async Task Forward_RevisionOfTwoInstancesAtAQuarter_TakesAQuarterInAllSpreadEvenlyOverBoth()
    {
        var listen = Ports.FreeListen();
        var route = new AppRoute("shop", listen,
        [
            new RouteBackend("1.0", Blue.Address, 3),
            RouteBackend.For("2.0", [Green.Address, Blue.Address], 1),
        ]);
        await Edge.ApplyAsync(route);

        var bodies = new List<string>();
        for (var i = 0; i < 400; i++)
            bodies.Add(await EdgeHarness.GetAsync(listen));

        Assert.Equal(350, bodies.Count(b => b == "blue"));
        Assert.Equal(50, bodies.Count(b => b == "green"));
        var traffic = await Edge.TrafficAsync("shop");
        Assert.Equal(300, traffic["1.0"].Requests);
        Assert.Equal(100, traffic["2.0"].Requests);
        var stored = await Edge.Admin.GetFromJsonAsync<AppRoute>("v1/routes/shop", EdgeHarness.Json);
        Assert.Equal([Green.Address, Blue.Address], stored!.Backends.Single(b => b.Revision == "2.0").Addresses);
    }

    [Fact]
    public async Task Apply_InstancesNotStartingWithTheAddress_IsRefusedNamingTheField()
    {
        var route = new AppRoute("shop", Ports.FreeListen(), [new RouteBackend("2.0", Blue.Address, 1) { Instances = [Green.Address, Blue.Address] }]);

        using var response = await Edge.PutAsync(route);

        Assert.False(response.IsSuccessStatusCode);
        Assert.Contains("backends[0].instances", await response.Content.ReadAsStringAsync());
    }
}
