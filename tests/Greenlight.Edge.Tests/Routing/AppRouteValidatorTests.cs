using Greenlight.Core.Traffic;
using Greenlight.Edge.Routing;

namespace Greenlight.Edge.Tests.Routing;

public sealed class AppRouteValidatorTests
{
    private static readonly Uri Blue = new("http://127.0.0.1:5001/");

    [Fact]
    public void Validate_GoodRoute_NoErrors()
    {
        var route = new AppRoute("shop", "127.0.0.1:8080", [new("1.0.0", Blue, 100), new("2.0.0+b7", new Uri("https://10.0.0.2:443/"), 0)]);

        Assert.Empty(AppRouteValidator.Validate("shop", route));
    }

    [Fact]
    public void Validate_Hosts_GoodNamesPassEveryProblemReportedWithItsField()
    {
        var good = new AppRoute("shop", "127.0.0.1:8080", [new("a", Blue, 1)]) { Hosts = ["shop.example.com", "*.Shop.example.com"] };
        var bad = good with
        {
            Hosts = ["shop.example.com", "SHOP.example.com", "a.*.example.com", "10.0.0.1", "shop.example.com:80"],
            Tls = new EdgeTls("/c.pem", "/k.pem") { Hosts = [new TlsHost("admin.example.com", "/a.pem", "/ak.pem")] },
        };

        Assert.Empty(AppRouteValidator.Validate("shop", good));
        Assert.Equal(["hosts[1]", "hosts[2]", "hosts[3]", "hosts[4]", "tls.hosts[0].host"], AppRouteValidator.Validate("shop", bad).Select(e => e.Field));
        Assert.Equal(["hosts"], AppRouteValidator.Validate("shop", good with { Hosts = [] }).Select(e => e.Field));
    }

    [Fact]
    public void Validate_UpstreamAndTimeouts_GoodOnesPassOthersReportedWithTheirField()
    {
        var good = new AppRoute("shop", "127.0.0.1:8080", [new("1.0.0", Blue, 100)]) { Upstream = "http2", DrainTimeoutSeconds = 0.5, IdleTimeoutSeconds = 1 };
        var bad = good with { Upstream = "h2c", DrainTimeoutSeconds = -1, IdleTimeoutSeconds = 0.5 };

        Assert.Empty(AppRouteValidator.Validate("shop", good));
        Assert.Equal(["upstream", "drainTimeoutSeconds", "idleTimeoutSeconds"], AppRouteValidator.Validate("shop", bad).Select(e => e.Field));
        Assert.Equal(["idleTimeoutSeconds"], AppRouteValidator.Validate("shop", good with { IdleTimeoutSeconds = double.NaN }).Select(e => e.Field));
    }

    [Fact]
    public void Validate_EveryProblem_ReportedWithItsField()
    {
        var route = new AppRoute("other", "localhost", [
            new("1.0", new Uri("/relative", UriKind.Relative), -1),
            new("1.0", new Uri("ftp://host/"), 1),
        ]);

        var fields = AppRouteValidator.Validate("shop", route).Select(e => e.Field).ToArray();

        Assert.Equal(["app", "listen", "backends[0].address", "backends[0].weight", "backends[1].revision", "backends[1].address"], fields);
    }

    [Fact]
    public void Validate_StickyAndMatches_GoodOnesPassEveryProblemReportedWithItsField()
    {
        var good = new AppRoute("shop", "127.0.0.1:8080", [new("a", Blue, 0)], new StickyRoute("gl-rev", "X-User"),
            [new MatchRoute("a", "X-Canary", null, "always on"), new MatchRoute("a", null, "tester", "yes")]);
        var bad = good with
        {
            Sticky = new StickyRoute("", "X User"),
            Matches = [null!, new MatchRoute("b", "X-T", "t", "v\n"), new MatchRoute("a", null, null, null!)],
        };

        var fields = AppRouteValidator.Validate("shop", bad).Select(e => e.Field).ToArray();

        Assert.Empty(AppRouteValidator.Validate("shop", good));
        Assert.Equal(["sticky.cookie", "sticky.header", "matches[0]", "matches[1].revision", "matches[1]", "matches[1].value", "matches[2]", "matches[2].value"], fields);
    }

    [Theory]
    [InlineData("127.0.0.1:8080", true)]
    [InlineData("[::1]:8080", true)]
    [InlineData("*:80", true)]
    [InlineData("localhost:8080", true)]
    [InlineData("127.0.0.1:0", false)]
    [InlineData("127.0.0.1:70000", false)]
    [InlineData("::1:8080", false)]
    [InlineData("example.com:80", false)]
    [InlineData("8080", false)]
    [InlineData("127.1:8080", false)]
    [InlineData("1:8080", false)]
    public void Validate_Listen_AcceptsOnlyHostColonPort(string listen, bool valid)
    {
        var errors = AppRouteValidator.Validate("shop", new AppRoute("shop", listen, []));

        Assert.Equal(valid, errors.Count == 0);
    }

    [Fact]
    public void Validate_NullsFromJson_ReportedNotThrown()
    {
        var route = new AppRoute("shop", null!, [null!, new RouteBackend(null!, null!, 1)]);

        var fields = AppRouteValidator.Validate("shop", route).Select(e => e.Field).ToArray();

        Assert.Equal(["listen", "backends[0]", "backends[1].revision", "backends[1].address"], fields);
    }
}
