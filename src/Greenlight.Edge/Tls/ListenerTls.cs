using System.Collections.Frozen;
using System.Net.Security;
using System.Security.Authentication;
using Greenlight.Core.Traffic;

namespace Greenlight.Edge.Tls;

/// <summary>The TLS of one route: its certificates by SNI name, its oldest protocol, its HSTS header.</summary>
internal sealed class ListenerTls
{
    private static readonly List<SslApplicationProtocol> Alpn = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    private readonly CertificateFile _default;
    private readonly FrozenDictionary<string, CertificateFile> _hosts;
    private readonly SslProtocols _protocols;

    private ListenerTls(EdgeTls tls, CertificateFile fallback, FrozenDictionary<string, CertificateFile> hosts)
    {
        Spec = tls;
        _default = fallback;
        _hosts = hosts;
        _protocols = tls.MinVersion == "1.3" ? SslProtocols.Tls13 : SslProtocols.Tls12 | SslProtocols.Tls13;
        Hsts = tls.Hsts?.HeaderValue;
    }

    public EdgeTls Spec { get; }

    /// <summary>The Strict-Transport-Security value for HTTPS answers, or null.</summary>
    public string? Hsts { get; }

    /// <summary>Reads every certificate of <paramref name="tls"/>; throws <see cref="TlsCertificateException"/> naming the file at fault.</summary>
    public static ListenerTls Load(EdgeTls tls, CertificateLoader loader)
    {
        var fallback = CertificateFile.Load(tls.Certificate, tls.Key, "tls", loader);
        var hosts = (tls.Hosts ?? []).Select((h, i) => (h.Host, File: CertificateFile.Load(h.Certificate, h.Key, $"tls.hosts[{i}]", loader)));
        return new ListenerTls(tls, fallback, hosts.ToFrozenDictionary(h => h.Host, h => h.File, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The server side of a new handshake for the SNI name the client sent (none: the default certificate).</summary>
    public SslServerAuthenticationOptions OptionsFor(string? serverName)
    {
        var file = serverName is not null && _hosts.TryGetValue(serverName, out var named) ? named : _default;
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = file.Current(),
            EnabledSslProtocols = _protocols,
            ApplicationProtocols = Alpn,
        };
    }
}
