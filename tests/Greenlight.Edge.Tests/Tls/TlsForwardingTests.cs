using System.Net;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Edge.Tests.Tls;

public sealed class TlsForwardingTests : TwoBackendTest, IDisposable
{
    private readonly TempDirectory _files = new();

    private int Port => IPEndPoint.Parse(Listen).Port;

    [Fact]
    public async Task Https_TwoHostNamesOnOneListener_EachGetsItsOwnCertificateThroughSni()
    {
        var shop = TestCertificates.Write(_files.Path, "shop.test", "shop");
        var admin = TestCertificates.Write(_files.Path, "admin.test", "admin");
        await Edge.ApplyAsync(Route((Blue, 100)) with
        {
            Tls = new EdgeTls(shop.Certificate, shop.Key) { Hosts = [new TlsHost("admin.test", admin.Certificate, admin.Key)] },
        });

        using var toShop = new TlsClient(Listen);
        using var toAdmin = new TlsClient(Listen);
        using var shopAnswer = await toShop.GetAsync("shop.test", Port);
        using var adminAnswer = await toAdmin.GetAsync("ADMIN.test", Port);

        Assert.Equal("blue", await shopAnswer.Content.ReadAsStringAsync());
        Assert.Equal("blue", await adminAnswer.Content.ReadAsStringAsync());
        Assert.Equal([shop.Thumbprint], toShop.Handshakes);
        Assert.Equal([admin.Thumbprint], toAdmin.Handshakes);
    }

    [Fact]
    public async Task Https_CertificateReplacedOnDisk_NextNewConnectionGetsItWhileTheOpenOneKeepsWorking()
    {
        var first = TestCertificates.Write(_files.Path, "shop.test", "shop");
        await Edge.ApplyAsync(Route((Blue, 100)) with { Tls = new EdgeTls(first.Certificate, first.Key) });
        using var open = new TlsClient(Listen);
        (await open.GetAsync("shop.test", Port)).Dispose();

        var renewed = TestCertificates.Write(_files.Path, "shop.test", "shop");
        await Eventually.Until(async () =>
        {
            using var fresh = new TlsClient(Listen);
            using var answer = await fresh.GetAsync("shop.test", Port);
            return answer.IsSuccessStatusCode && fresh.Handshakes.Single() == renewed.Thumbprint;
        }, "a new connection is served the renewed certificate");

        using var again = await open.GetAsync("shop.test", Port);
        Assert.Equal("blue", await again.Content.ReadAsStringAsync());
        Assert.Equal([first.Thumbprint], open.Handshakes);
    }

    [Fact]
    public async Task Https_WithHsts_AnswersCarryStrictTransportSecurity()
    {
        var shop = TestCertificates.Write(_files.Path, "shop.test", "shop");
        await Edge.ApplyAsync(Route((Blue, 100)) with
        {
            Tls = new EdgeTls(shop.Certificate, shop.Key) { Hsts = new EdgeHsts(15_552_000, IncludeSubDomains: true) },
        });

        using var client = new TlsClient(Listen);
        using var answer = await client.GetAsync("shop.test", Port);

        Assert.Equal("max-age=15552000; includeSubDomains", Assert.Single(answer.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task RedirectHttp_PlainRequest_Answers308ToTheHttpsUrl()
    {
        var shop = TestCertificates.Write(_files.Path, "shop.test", "shop");
        var plain = Ports.FreeListen();
        await Edge.ApplyAsync(Route((Blue, 100)) with { Tls = new EdgeTls(shop.Certificate, shop.Key) { RedirectHttp = plain } });

        using var noFollow = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{plain}/cart?item=7");
        request.Headers.Host = "shop.test";
        using var answer = await noFollow.SendAsync(request);

        Assert.Equal(HttpStatusCode.PermanentRedirect, answer.StatusCode);
        Assert.Equal(new Uri($"https://shop.test:{Port}/cart?item=7"), answer.Headers.Location);
    }

    [Fact]
    public async Task Sticky_OverTls_CookieIsSecureWithMaxAge()
    {
        var shop = TestCertificates.Write(_files.Path, "shop.test", "shop");
        await Edge.ApplyAsync(Route((Blue, 100)) with { Sticky = new StickyRoute("gl-rev", null), Tls = new EdgeTls(shop.Certificate, shop.Key) });

        using var client = new TlsClient(Listen);
        using var answer = await client.GetAsync("shop.test", Port);

        Assert.Equal("gl-rev=blue; Path=/; Max-Age=86400; Secure; HttpOnly; SameSite=Lax", Assert.Single(answer.Headers.GetValues("Set-Cookie")));
    }

    [Fact]
    public async Task Apply_MissingKeyFile_RefusedNamingTheFileAndNothingServes()
    {
        var shop = TestCertificates.Write(_files.Path, "shop.test", "shop");
        var missing = Path.Combine(_files.Path, "gone.key.pem");

        using var refused = await Edge.PutAsync(Route((Blue, 100)) with { Tls = new EdgeTls(shop.Certificate, missing) });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"cannot read key file {missing}", await refused.Content.ReadAsStringAsync());
        using var route = await Edge.Admin.GetAsync("v1/routes/shop");
        Assert.Equal(HttpStatusCode.NotFound, route.StatusCode);
    }

    [Fact]
    public async Task Apply_KeyOfAnotherCertificate_RefusedNamingBothFiles()
    {
        var shop = TestCertificates.Write(_files.Path, "shop.test", "shop");
        var other = TestCertificates.Write(_files.Path, "other.test", "other");

        using var refused = await Edge.PutAsync(Route((Blue, 100)) with { Tls = new EdgeTls(shop.Certificate, other.Key) });

        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"certificate file {shop.Certificate} and key file {other.Key}", body);
        Assert.DoesNotContain("PRIVATE KEY", body);
    }

    [Fact]
    public async Task Http2_FromAClientThroughACanarySplit_BothRevisionsAnswerAndAreCounted()
    {
        var shop = TestCertificates.Write(_files.Path, "shop.test", "shop");
        await Edge.ApplyAsync(Route((Blue, 50), (Green, 50)) with { Tls = new EdgeTls(shop.Certificate, shop.Key) });

        using var client = new TlsClient(Listen, HttpVersion.Version20);
        var bodies = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            using var answer = await client.GetAsync("shop.test", Port);
            Assert.Equal(HttpVersion.Version20, answer.Version);
            bodies.Add(await answer.Content.ReadAsStringAsync());
        }

        var traffic = await Edge.TrafficAsync("shop");
        Assert.Equal(10, bodies.Count(b => b == "blue"));
        Assert.Equal(10, bodies.Count(b => b == "green"));
        Assert.Equal(10, traffic["blue"].Requests);
        Assert.Equal(10, traffic["green"].Requests);
    }

    public void Dispose() => _files.Dispose();

    private AppRoute Route(params (TestBackend Backend, int Weight)[] backends) => EdgeHarness.Route("shop", Listen, backends);
}
