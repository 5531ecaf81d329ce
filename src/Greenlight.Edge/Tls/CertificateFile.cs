using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Greenlight.Edge.Routing;

namespace Greenlight.Edge.Tls;

/// <summary>
/// One certificate and key pair read from PEM files, re-read when their contents change. The check is a hash of both
/// files, made on a handshake at most once a second: no watcher to keep alive, and a certificate renewed by any means
/// (rename, copy, bind mount) is noticed. A change that cannot be loaded, e.g. the certificate written before its
/// key, keeps the previous pair serving and is logged.
/// </summary>
internal sealed class CertificateFile
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    private readonly string _field;
    private readonly CertificateLoader _loader;
    private Loaded _current;
    private byte[] _seen;
    private long _checkedAt;

    private CertificateFile(string certificate, string key, string field, CertificateLoader loader, Loaded loaded)
    {
        Certificate = certificate;
        Key = key;
        _field = field;
        _loader = loader;
        _current = loaded;
        _seen = loaded.Hash;
        _checkedAt = loader.Time.GetTimestamp();
    }

    public string Certificate { get; }

    public string Key { get; }

    /// <summary>Loads the pair or throws <see cref="TlsCertificateException"/> naming the file at fault.</summary>
    /// <param name="field">Where the pair was given, e.g. <c>tls.hosts[0]</c>.</param>
    public static CertificateFile Load(string certificate, string key, string field, CertificateLoader loader)
    {
        var (certificateText, keyText) = (Read(certificate, $"{field}.certificate", "certificate"), Read(key, $"{field}.key", "key"));
        try
        {
            return new CertificateFile(certificate, key, field, loader, Parse(certificateText, keyText));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new TlsCertificateException(new FieldError(field,
                $"certificate file {certificate} and key file {key} are not a PEM certificate and its private key: {e.Message}"), e);
        }
    }

    /// <summary>The pair to present on a new connection: the newest that loaded.</summary>
    public SslStreamCertificateContext Current()
    {
        var now = _loader.Time.GetTimestamp();
        var last = Interlocked.Read(ref _checkedAt);
        if (_loader.Time.GetElapsedTime(last, now) >= CheckEvery && Interlocked.CompareExchange(ref _checkedAt, now, last) == last)
            Recheck();
        return Volatile.Read(ref _current).Context;
    }

    private void Recheck()
    {
        try
        {
            var (certificateText, keyText) = (File.ReadAllText(Certificate), File.ReadAllText(Key));
            var hash = Hash(certificateText, keyText);
            if (hash.AsSpan().SequenceEqual(Volatile.Read(ref _seen))) return;
            Volatile.Write(ref _seen, hash);
            Volatile.Write(ref _current, Parse(certificateText, keyText));
            _loader.Reloaded(_field, Certificate);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            _loader.ReloadFailed(_field, Certificate, Key, e.Message);
        }
    }

    private static string Read(string path, string field, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TlsCertificateException(new FieldError(field, $"cannot read {what} file {path}: {e.Message}"), e);
        }
    }

    private static Loaded Parse(string certificateText, string keyText)
    {
        // The certificate file may carry its chain after the leaf; the leaf takes the key (a key of another certificate: ArgumentException).
        var leaf = X509Certificate2.CreateFromPem(certificateText, keyText);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(certificateText);
        if (chain.Count > 0) chain.RemoveAt(0);
        return new Loaded(SslStreamCertificateContext.Create(leaf, chain, offline: true), Hash(certificateText, keyText));
    }

    private static byte[] Hash(string certificateText, string keyText) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(certificateText + "\0" + keyText));

    private sealed record Loaded(SslStreamCertificateContext Context, byte[] Hash);
}
