using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

/// <summary>A path-only rule (a path and no regex) reports a file by its name, whatever the file holds.</summary>
public sealed class PathOnlyRuleTests
{
    // gitleaks' own rule, verbatim from its config/gitleaks.toml.
    private const string Pkcs12Rule = """
        [[rules]]
        id = "pkcs12-file"
        description = "Found a PKCS #12 file, which commonly contain bundled private keys."
        path = '''(?i)(?:^|\/)[^\/]+\.p(?:12|fx)$'''
        """;

    [Fact]
    public void ScanDirectory_RealBinaryPkcs12_ReportedByPathRule()
    {
        using var tree = new TempTree();
        var p12 = RealPkcs12();
        Assert.Contains((byte)0, p12); // binary: the text rules never read it
        Directory.CreateDirectory(Path.Combine(tree.Root, "certs"));
        File.WriteAllBytes(Path.Combine(tree.Root, "certs", "server.p12"), p12);
        File.WriteAllBytes(Path.Combine(tree.Root, "certs", "client.PFX"), p12);
        tree.Write("certs/empty.p12", "");
        File.WriteAllBytes(Path.Combine(tree.Root, "certs", "server.der"), p12);

        var findings = new SecretScanner(GitleaksConfig.Parse(Pkcs12Rule)).ScanDirectory(tree.Root);

        Assert.Equal(["certs/client.PFX", "certs/empty.p12", "certs/server.p12"], findings.Select(f => f.File));
        Assert.All(findings, f => Assert.Equal(("pkcs12-file", 1, 1), (f.RuleId, f.Line, f.Column)));
    }

    [Fact]
    public void ScanDirectory_FileOverTheSizeLimit_StillReportedByPathRuleButNotRead()
    {
        using var tree = new TempTree();
        tree.Write("keystore.p12", new string('x', 4096));
        tree.Write("big.txt", new string('#', 4096) + $"\nid={Fake.AwsKeyId}\n");
        var set = GitleaksConfig.Parse(Pkcs12Rule + "\n[[rules]]\nid = \"aws\"\nregex = '''AKIA[A-Z2-7]{16}'''\n");

        var findings = new SecretScanner(set, new SecretScanOptions { MaxFileBytes = 1024 }).ScanDirectory(tree.Root);

        Assert.Equal(("pkcs12-file", "keystore.p12"), (Assert.Single(findings).RuleId, findings[0].File));
    }

    private static byte[] RealPkcs12()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=greenlight-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return cert.Export(X509ContentType.Pkcs12, "test-only");
    }
}
