using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Greenlight.Edge.Tests.Tls;

/// <summary>Throwaway self-signed certificates written as PEM files, as a team's certificate tooling would leave them.</summary>
internal static class TestCertificates
{
    /// <summary>Writes a certificate for <paramref name="host"/> and its key into <paramref name="directory"/>; returns their paths and the thumbprint.</summary>
    public static (string Certificate, string Key, string Thumbprint) Write(string directory, string host, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var (certificatePath, keyPath) = (Path.Combine(directory, $"{name}.crt.pem"), Path.Combine(directory, $"{name}.key.pem"));
        // Replaced by rename, as renewal tools do, so the edge never reads a half-written file.
        Replace(certificatePath, certificate.ExportCertificatePem());
        Replace(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath, certificate.Thumbprint);
    }

    private static void Replace(string path, string text)
    {
        var temporary = path + ".new";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
