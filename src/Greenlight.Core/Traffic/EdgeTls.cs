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
}

public sealed record TlsHost(string Host, string Certificate, string Key);

/// <summary>The Strict-Transport-Security header sent on HTTPS answers.</summary>
public sealed record EdgeHsts(long MaxAgeSeconds, bool IncludeSubDomains)
{
    public string HeaderValue => IncludeSubDomains ? $"max-age={MaxAgeSeconds}; includeSubDomains" : $"max-age={MaxAgeSeconds}";
}
