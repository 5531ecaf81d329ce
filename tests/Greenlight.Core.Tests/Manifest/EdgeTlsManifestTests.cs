using Greenlight.Core.Manifest;

namespace Greenlight.Core.Tests.Manifest;

/// <summary><c>edge.tls</c>: certificate paths resolved against the manifest, TLS 1.2/1.3 only, HSTS and the redirect listener.</summary>
public sealed class EdgeTlsManifestTests
{
    private static string Manifest(string tls) => $"""
        app: shop
        run:
          command: dotnet
        edge:
          listen: 127.0.0.1:8443
          tls:
            certificate: certs/shop.crt.pem
            key: certs/shop.key.pem
        {tls}
        """;

    [Fact]
    public void Parse_FullTls_ResolvesPathsAgainstTheManifestAndReadsEveryKey()
    {
        var directory = Path.Combine(Path.GetTempPath(), "shop");
        var result = ManifestLoader.Parse(Manifest("""
                hosts:
                  - {host: Admin.Example.com, certificate: certs/admin.crt.pem, key: /etc/keys/admin.key.pem}
                minVersion: "1.3"
                hsts: {maxAge: 180d, includeSubDomains: true}
                redirectHttp: 127.0.0.1:8080
            """), Path.Combine(directory, "greenlight.yaml"));

        Assert.Empty(result.Errors);
        var tls = result.Manifest!.Edge.Tls!;
        Assert.Equal(Path.Combine(directory, "certs", "shop.crt.pem"), tls.Certificate);
        Assert.Equal(Path.Combine(directory, "certs", "shop.key.pem"), tls.Key);
        var host = Assert.Single(tls.Hosts!);
        Assert.Equal(("admin.example.com", Path.Combine(directory, "certs", "admin.crt.pem"), "/etc/keys/admin.key.pem"), (host.Host, host.Certificate, host.Key));
        Assert.Equal("1.3", tls.MinVersion);
        Assert.Equal("max-age=15552000; includeSubDomains", tls.Hsts!.HeaderValue);
        Assert.Equal("127.0.0.1:8080", tls.RedirectHttp);
    }

    [Fact]
    public void Parse_CertificateAndKeyAsSecrets_KeepsTheReferencesForTheControllerToWriteAsFiles()
    {
        var tls = ManifestLoader.Parse(Manifest("""
                hosts: [{host: admin.example.com, certificate: certs/admin.crt.pem, key: "env:ADMIN_TLS_KEY"}]
            """).Replace("certs/shop.crt.pem", "store:shop/tls-cert").Replace("certs/shop.key.pem", "\"vault:secret/shop#tls_key\""),
            "/srv/shop/greenlight.yaml").GetOrThrow().Edge.Tls!;

        Assert.Equal(("store:shop/tls-cert", "vault:secret/shop#tls_key"), (tls.Certificate, tls.Key));
        Assert.Equal(("/srv/shop/certs/admin.crt.pem", "env:ADMIN_TLS_KEY"), (tls.Hosts![0].Certificate, tls.Hosts[0].Key));
    }

    [Theory]
    [InlineData("file:certs/shop.key.pem")]
    [InlineData("store:shop/../key")]
    public void Parse_KeyAsAFileReferenceOrABadStorePath_IsRefusedSayingWhatIsTaken(string key) =>
        Assert.Equal(
            [$"greenlight.yaml:8:10: edge.tls.key: found \"{key}\", expected the path of a PEM file, or a secret reference: store:<path>, env:<NAME> or vault:<mount>/<path>#<key>"],
            Errors(Manifest("").Replace("certs/shop.key.pem", key)));

    [Fact]
    public void Parse_NoMinVersion_DefaultsToTls12() =>
        Assert.Equal("1.2", ManifestLoader.Parse(Manifest(""), "greenlight.yaml").Manifest!.Edge.Tls!.MinVersion);

    [Fact]
    public void Parse_Tls11_IsRefusedWithLineAndColumn() =>
        Assert.Equal(
            ["greenlight.yaml:9:17: edge.tls.minVersion: found \"1.1\", expected one of 1.2, 1.3"],
            Errors(Manifest("""    minVersion: "1.1" """)));

    [Fact]
    public void Parse_MissingKeyAndRedirectToItself_AreReported() =>
        Assert.Equal(
            [
                "greenlight.yaml:7:5: edge.tls.key: missing required key, expected the path of a PEM file, or a secret reference: store:<path>, env:<NAME> or vault:<mount>/<path>#<key>",
                "greenlight.yaml:8:19: edge.tls.redirectHttp: found 127.0.0.1:8443, the HTTPS listener itself, expected another host:port for plain HTTP",
            ],
            Errors(Manifest("    redirectHttp: 127.0.0.1:8443").Replace("    key: certs/shop.key.pem\n", "")));

    private static IReadOnlyList<string> Errors(string yaml) =>
        [.. ManifestLoader.Parse(yaml, "greenlight.yaml").Errors.Select(e => e.ToString())];
}
