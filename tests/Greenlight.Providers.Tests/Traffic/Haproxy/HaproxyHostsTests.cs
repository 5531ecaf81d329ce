using Greenlight.Core.Traffic;
using Greenlight.Providers.Traffic.Haproxy;
using Greenlight.Testing;

namespace Greenlight.Providers.Tests.Traffic.Haproxy;

/// <summary>Host-based routing is the embedded edge's: the haproxy router refuses a route with hosts rather than drop them.</summary>
public sealed class HaproxyHostsTests
{
    [Fact]
    public async Task ApplyAsync_RouteWithHosts_IsRefusedAndStartsNothing()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gl-hx-" + Guid.NewGuid().ToString("N")[..8]);
        var router = new HaproxyTrafficRouter(directory, TimeProvider.System);
        var route = new AppRoute("shop", Ports.FreeListen(), [new RouteBackend("v1", new Uri("http://127.0.0.1:1/"), 1)]) { Hosts = ["shop.test"] };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => router.ApplyAsync(route, CancellationToken.None));

        Assert.Contains("hosts (host-based routing) is not supported by the haproxy router", refused.Message);
        Assert.False(Directory.Exists(directory));
    }
}
