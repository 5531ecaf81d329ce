using Greenlight.Core.Traffic;
using Greenlight.Edge.Tests.Support;

namespace Greenlight.Edge.Tests.Forwarding;

public sealed class StickyForwardingTests : TwoBackendTest
{
    [Fact]
    public async Task Forward_CookiePinnedToCanary_StaysThereWhileWeightGoesFrom10To50()
    {
        await ApplyAsync(90, 10);
        var users = Enumerable.Range(0, 10).Select(_ => new Visitor(Listen)).ToArray();
        foreach (var user in users) await user.GetAsync();
        var canaryUser = Assert.Single(users, u => u.Cookie == "gl-rev=green");
        Assert.Equal("gl-rev=green; Path=/; HttpOnly; SameSite=Lax", canaryUser.LastSetCookie);

        var before = await Bodies(canaryUser, 50);
        await ApplyAsync(50, 50);
        var after = await Bodies(canaryUser, 50);

        Assert.All(before.Concat(after), body => Assert.Equal("green", body));
        Assert.Null(canaryUser.LastSetCookie);
        Assert.All(users.Where(u => u != canaryUser), u => Assert.Equal("gl-rev=blue", u.Cookie));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Forward_PinnedRevisionAtZeroOrGone_ReassignedAndCookieRewritten(bool removed)
    {
        await ApplyAsync(50, 50);
        var user = new Visitor(Listen) { Cookie = "other=1; gl-rev=green" };
        Assert.Equal("green", await user.GetAsync());
        Assert.Null(user.LastSetCookie);

        await Edge.ApplyAsync(removed ? Route((Blue, 100)) : Route((Blue, 100), (Green, 0)));

        Assert.Equal("blue", await user.GetAsync());
        Assert.Equal("gl-rev=blue; Path=/; HttpOnly; SameSite=Lax", user.LastSetCookie);
        Assert.Equal("blue", await user.GetAsync());
        Assert.Null(user.LastSetCookie);
    }

    [Fact]
    public async Task Forward_StickyHeader_SplitsDistinctUsersByWeightAndKeepsEachOnItsRevision()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => $"user-{i}").ToArray();
        await ApplyAsync(90, 10);
        var atTen = await CanaryUsers(ids);
        var again = await CanaryUsers(ids);
        await ApplyAsync(50, 50);
        var atFifty = await CanaryUsers(ids);

        // 1000 users at 10%: the binomial standard deviation is 9.5 users.
        Assert.InRange(atTen.Count, 70, 130);
        Assert.Equal(atTen.Order(), again.Order());
        Assert.InRange(atFifty.Count, 440, 560);
        Assert.Subset(atFifty, atTen);
    }

    private Task ApplyAsync(int blue, int green) => Edge.ApplyAsync(Route((Blue, blue), (Green, green)));

    private AppRoute Route(params (TestBackend Backend, int Weight)[] backends) =>
        EdgeHarness.Route("shop", Listen, backends) with { Sticky = new StickyRoute("gl-rev", "X-User") };

    private static async Task<string[]> Bodies(Visitor visitor, int count)
    {
        var bodies = new string[count];
        for (var i = 0; i < count; i++) bodies[i] = await visitor.GetAsync();
        return bodies;
    }

    /// <summary>The ids the edge sends to green; a request carrying the id header never gets a cookie.</summary>
    private async Task<HashSet<string>> CanaryUsers(IEnumerable<string> ids)
    {
        var canary = new HashSet<string>();
        foreach (var id in ids)
        {
            var user = new Visitor(Listen);
            if (await user.GetAsync(("X-User", id)) == "green") canary.Add(id);
            Assert.Null(user.LastSetCookie);
        }

        return canary;
    }
}
