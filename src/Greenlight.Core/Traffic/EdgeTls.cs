namespace Greenlight.Core.Traffic;

/// <summary>
/// TLS on an app's listener. Only file paths travel (absolute, read by the edge itself): a private key never crosses
/// the admin API. <paramref name="Certificate"/> and <paramref name="Key"/> are served when no <see cref="Hosts"/>
/// entry matches the client's SNI name.
/// </summary>
public sealed record EdgeTls(string Certificate, string Key)
{
    /// <summary>Certificates chosen by SNI host name (exact, case-insensitive).</summary>
    public IReadOnlyList<TlsHost>? Hosts { get; init; }

    /// <summary>"1.2" or "1.3": the oldest protocol accepted.</summary>
    public string MinVersion { get; init; } = "1.2";

    public EdgeHsts? Hsts { get; init; }

    /// <summary>A plain HTTP <c>host:port</c> answering 308 to the https URL of the same path.</summary>
    public string? RedirectHttp { get; init; }

    /// <summary>In a manifest a certificate or key may be a secret reference (<c>store:</c>, <c>env:</c>, <c>vault:</c>)
    /// instead of a path: the controller writes its value to a file before the route leaves it, so only paths reach an edge.</summary>
    public static bool IsSecret(string pem) =>
        Manifest.SecretReference.TryParse(pem, out var reference) && reference.Scheme != Manifest.SecretReference.File;

    /// <summary>Every certificate and key, each with the name of the file that would hold it (<c>certificate.pem</c>,
    /// <c>key.pem</c>, and per SNI host <c>HOST.certificate.pem</c>, <c>HOST.key.pem</c>) and the manifest key it came from.</summary>
    public IEnumerable<(string File, string Field, string Pem)> Pems =>
        new[] { ("certificate.pem", "edge.tls.certificate", Certificate), ("key.pem", "edge.tls.key", Key) }
            .Concat((Hosts ?? []).SelectMany((h, i) => new[]
            {
                ($"{h.Host}.certificate.pem", $"edge.tls.hosts[{i}].certificate", h.Certificate),
                ($"{h.Host}.key.pem", $"edge.tls.hosts[{i}].key", h.Key),
            }));

    /// <summary>The same TLS with each certificate and key replaced by <paramref name="map"/>'s answer for it (by file name).</summary>
    public EdgeTls WithPems(IReadOnlyDictionary<string, string> map) => this with
    {
        Certificate = map.GetValueOrDefault("certificate.pem", Certificate),
        Key = map.GetValueOrDefault("key.pem", Key),
        Hosts = Hosts?.Select(h => h with
        {
            Certificate = map.GetValueOrDefault($"{h.Host}.certificate.pem", h.Certificate),
            Key = map.GetValueOrDefault($"{h.Host}.key.pem", h.Key),
        }).ToList(),
    };
}

public sealed record TlsHost(string Host, string Certificate, string Key);

/// <summary>The Strict-Transport-Security header sent on HTTPS answers.</summary>
public sealed record EdgeHsts(long MaxAgeSeconds, bool IncludeSubDomains)
{
    public string HeaderValue => IncludeSubDomains ? $"max-age={MaxAgeSeconds}; includeSubDomains" : $"max-age={MaxAgeSeconds}";
}
