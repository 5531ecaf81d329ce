using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Greenlight.Testing;

/// <summary>Throwaway self-signed certificates, as PEM text or written as files as a team's certificate tooling would leave them.</summary>
public static class TestCertificates
{
    /// <summary>A certificate for <paramref name="host"/> and its private key, as PEM, with the certificate's thumbprint.</summary>
    public static (string Certificate, string Key, string Thumbprint) Create(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), certificate.Thumbprint);
    }

    /// <summary>Writes a certificate for <paramref name="host"/> and its key into <paramref name="directory"/>; returns their paths and the thumbprint.</summary>
    public static (string Certificate, string Key, string Thumbprint) Write(string directory, string host, string name)
    {
        var (certificate, key, thumbprint) = Create(host);
        var (certificatePath, keyPath) = (Path.Combine(directory, $"{name}.crt.pem"), Path.Combine(directory, $"{name}.key.pem"));
        // Replaced by rename, as renewal tools do, so the edge never reads a half-written file.
        Replace(certificatePath, certificate);
        Replace(keyPath, key);
        return (certificatePath, keyPath, thumbprint);
    }

    private static void Replace(string path, string text)
    {
        var temporary = path + ".new";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
