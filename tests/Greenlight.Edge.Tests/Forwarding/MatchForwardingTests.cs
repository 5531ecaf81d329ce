using Greenlight.Core.Traffic;
using Greenlight.Edge.Tests.Support;

namespace Greenlight.Edge.Tests.Forwarding;

public sealed class MatchForwardingTests : TwoBackendTest
{
    [Fact]
    public async Task Forward_HeaderMatch_SendsTesterToZeroWeightRevisionOthersByWeight()
    {
        await Edge.ApplyAsync(Route(new MatchRoute("green", "X-Canary", null, "always")));
        var tester = new Visitor(Listen);
        var user = new Visitor(Listen);

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
        await Edge.ApplyAsync(route);
        var user = new Visitor(Listen);
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
        await Edge.ApplyAsync(EdgeHarness.Route("shop", Listen, (Blue, 0), (Green, 0))
            with { Matches = [new MatchRoute("green", "X-Canary", null, "always")] });

        Assert.Equal("green", await new Visitor(Listen).GetAsync(("X-Canary", "always")));
        using var refused = await EdgeHarness.Client.GetAsync($"http://{Listen}/");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, refused.StatusCode);
    }

    private AppRoute Route(MatchRoute match) =>
        EdgeHarness.Route("shop", Listen, (Blue, 100), (Green, 0)) with { Matches = [match] };
}
