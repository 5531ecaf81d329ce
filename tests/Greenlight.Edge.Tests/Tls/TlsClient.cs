using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Greenlight.Edge.Tests.Tls;

/// <summary>
/// An HTTPS client that reaches the edge on loopback under any host name (sent as SNI), records the certificate each
/// handshake got, and keeps one connection so a test can tell a new connection from an open one.
/// </summary>
internal sealed class TlsClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly List<string> _handshakes = [];

    public TlsClient(string listen, Version? version = null)
    {
        var endpoint = IPEndPoint.Parse(listen);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            MaxConnectionsPerServer = 1,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(endpoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    lock (_handshakes) _handshakes.Add(certificate!.GetCertHashString());
                    return true;
                },
            },
        };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        if (version is not null)
        {
            _client.DefaultRequestVersion = version;
            _client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
    }

    /// <summary>The thumbprint of the certificate of every handshake so far, in order.</summary>
    public IReadOnlyList<string> Handshakes
    {
        get { lock (_handshakes) return [.. _handshakes]; }
    }

    public async Task<HttpResponseMessage> GetAsync(string host, int port, string path = "/")
    {
        var response = await _client.GetAsync(new Uri($"https://{host}:{port}{path}"));
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public void Dispose() => _client.Dispose();
}
