using Greenlight.Testing;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Tests.Support;

namespace Greenlight.Edge.Tests.Forwarding;

public sealed class MatchForwardingTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private readonly string _listen = Ports.FreeListen();
    private EdgeHarness _edge = null!;
    private TestBackend _blue = null!;
    private TestBackend _green = null!;

    public async Task InitializeAsync()
    {
        _edge = await EdgeHarness.StartAsync(_state.Path);
        _blue = await TestBackend.StartAsync("blue");
        _green = await TestBackend.StartAsync("green");
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _blue.DisposeAsync();
        await _green.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task Forward_HeaderMatch_SendsTesterToZeroWeightRevisionOthersByWeight()
    {
        await _edge.ApplyAsync(Route(new MatchRoute("green", "X-Canary", null, "always")));
        var tester = new Visitor(_listen);
        var user = new Visitor(_listen);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("green", await tester.GetAsync(("X-Canary", "always")));
            Assert.Equal("blue", await user.GetAsync(("X-Canary", "sometimes")));
        }
    }

    [Fact]
    public async Task Forward_CookieMatch_BeatsStickyPinAndLeavesItsCookie()
    {
        var route = Route(new MatchRoute("green", null, "tester", "yes")) with { Sticky = new StickyRoute("gl-rev", null) };
        await _edge.ApplyAsync(route);
        var user = new Visitor(_listen);
        Assert.Equal("blue", await user.GetAsync());

        user.Cookie += "; tester=yes";
        Assert.Equal("green", await user.GetAsync());
        Assert.Null(user.LastSetCookie);

        user.Cookie = "gl-rev=blue; tester=no";
        Assert.Equal("blue", await user.GetAsync());
    }

    [Fact]
    public async Task Forward_EveryWeightZero_MatchStillServesAndOthersGet503()
    {
        await _edge.ApplyAsync(EdgeHarness.Route("shop", _listen, (_blue, 0), (_green, 0))
            with { Matches = [new MatchRoute("green", "X-Canary", null, "always")] });

        Assert.Equal("green", await new Visitor(_listen).GetAsync(("X-Canary", "always")));
        using var refused = await EdgeHarness.Client.GetAsync($"http://{_listen}/");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, refused.StatusCode);
    }

    private AppRoute Route(MatchRoute match) =>
        EdgeHarness.Route("shop", _listen, (_blue, 100), (_green, 0)) with { Matches = [match] };
}
