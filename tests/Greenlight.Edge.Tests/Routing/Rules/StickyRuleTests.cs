using Greenlight.Core.Traffic;
using Greenlight.Edge.Metrics;
using Greenlight.Edge.Routing;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Edge.Tests.Routing.Rules;

/// <summary>The header hash over many more ids than HTTP tests can afford (the HTTP side is in StickyForwardingTests).</summary>
public sealed class StickyRuleTests
{
    private const int Users = 20_000;
    private static readonly EdgeMetrics Metrics = new();

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(50)]
    public void Select_UserIdHeader_ShareOfUsersOnCanaryMatchesWeight(int percent)
    {
        var table = Table(100 - percent, percent);

        var share = Ids().Count(id => Revision(table, id) == "canary") / (double)Users;

        // Within four binomial standard deviations (at most 1.4 points here).
        Assert.InRange(share, percent / 100.0 - 0.014, percent / 100.0 + 0.014);
    }

    [Fact]
    public void Select_CanaryWeightOnlyGrows_NoCanaryUserEverLeavesIt()
    {
        var onCanary = new HashSet<string>();
        foreach (var percent in new[] { 1, 5, 10, 25, 50, 100 })
        {
            var table = Table(100 - percent, percent);
            var now = Ids().Where(id => Revision(table, id) == "canary").ToHashSet();

            Assert.Subset(now, onCanary);
            onCanary = now;
        }

        Assert.Equal(Users, onCanary.Count);
    }

    [Fact]
    public void Select_OtherRelease_DrawsAnotherCohort()
    {
        var first = Ids().Where(id => Revision(Table(90, 10), id) == "canary").ToHashSet();
        var next = Ids().Where(id => Revision(Table(90, 10, "canary-2"), id) == "canary-2").ToHashSet();

        // Independent 10% draws share about 1% of the users, not 10%.
        Assert.InRange(first.Intersect(next).Count() / (double)Users, 0.005, 0.02);
    }

    private static IEnumerable<string> Ids() => Enumerable.Range(0, Users).Select(i => $"user-{i}");

    private static RouteTable Table(int stable, int canary, string canaryName = "canary") => new(
        new AppRoute("shop", "127.0.0.1:1",
            [new RouteBackend("stable", new Uri("http://127.0.0.1:2/"), stable), new RouteBackend(canaryName, new Uri("http://127.0.0.1:3/"), canary)],
            new StickyRoute("gl-rev", "X-User")),
        revision => Metrics.ForRevision("shop", revision));

    private static string Revision(RouteTable table, string id)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["X-User"] = id;
        var selection = table.Select(context.Request);
        Assert.Null(selection.SetCookie);
        return selection.Backend!.Revision;
    }
}
