using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Edge.Tests.Tls;

/// <summary>Two HTTPS apps on one address: each its own certificate by SNI, and a request for the other app's host on a
/// connection opened for this one answered 421.</summary>
public sealed class HostRoutingTlsTests : TwoBackendTest, IDisposable
{
    private readonly TempDirectory _files = new();

    private int Port => IPEndPoint.Parse(Listen).Port;

    [Fact]
    public async Task Https_TwoAppsOnOneAddress_EachServesItsOwnCertificate_AndAMisdirectedRequestGets421()
    {
        var shop = TestCertificates.Write(_files.Path, "shop.test", "shop");
        var tea = TestCertificates.Write(_files.Path, "tea.test", "tea");
        await Edge.ApplyAsync(EdgeHarness.Route("shop", Listen, (Blue, 1)) with { Hosts = ["shop.test"], Tls = new EdgeTls(shop.Certificate, shop.Key) });
        await Edge.ApplyAsync(EdgeHarness.Route("tea", Listen, (Green, 1)) with { Hosts = ["tea.test"], Tls = new EdgeTls(tea.Certificate, tea.Key) });

        using var toShop = new TlsClient(Listen);
        using var toTea = new TlsClient(Listen, HttpVersion.Version20);
        using var shopAnswer = await toShop.GetAsync("shop.test", Port);
        using var teaAnswer = await toTea.GetAsync("tea.test", Port);

        Assert.Equal("blue", await shopAnswer.Content.ReadAsStringAsync());
        Assert.Equal("green", await teaAnswer.Content.ReadAsStringAsync());
        Assert.Equal([shop.Thumbprint], toShop.Handshakes);
        Assert.Equal([tea.Thumbprint], toTea.Handshakes);
        Assert.StartsWith("HTTP/1.1 421 ", await RawGetAsync(serverName: "shop.test", host: "tea.test"));
        Assert.StartsWith("HTTP/1.1 200 ", await RawGetAsync(serverName: "shop.test", host: "SHOP.test"));
        await Assert.ThrowsAnyAsync<Exception>(() => RawGetAsync(serverName: "other.test", host: "other.test"));
    }

    /// <summary>One HTTP/1.1 request on a TLS connection whose SNI name and Host header the test picks; returns the status line.</summary>
    private async Task<string> RawGetAsync(string serverName, string host)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPEndPoint.Parse(Listen));
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        await tls.WriteAsync(Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(tls, Encoding.ASCII);
        return await reader.ReadLineAsync() ?? "";
    }

    public void Dispose() => _files.Dispose();
}
