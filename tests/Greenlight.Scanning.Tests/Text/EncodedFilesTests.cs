using Greenlight.Scanning.Dependencies;
using Greenlight.Scanning.Secrets;
using Greenlight.Scanning.Tests.Dependencies;
using Greenlight.Scanning.Tests.Secrets;

namespace Greenlight.Scanning.Tests.Text;

/// <summary>Lock files, project files and scanned sources saved as UTF-16 or UTF-32 (with a byte order mark) are read, not passed over.</summary>
public sealed class EncodedFilesTests
{
    private const string NpmLock = """{ "lockfileVersion": 3, "packages": { "": {}, "node_modules/minimist": { "version": "1.2.5" } } }""";

    public static TheoryData<string> Encodings => Encoded.Names;

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Scan_LockAndProjectFilesWithAByteOrderMark_AreReadAndTheVulnerablePackageFound(string encoding)
    {
        using var tree = new TempTree();
        var db = Osv.Database(tree, Osv.Record("GHSA-npm", "npm", "minimist", [Osv.Introduced("0"), Osv.Fixed("1.2.6")], severity: "CRITICAL"));
        Encoded.Write(tree, "web/package-lock.json", NpmLock, encoding);
        Encoded.Write(tree, "app/packages.lock.json",
            """{ "version": 1, "dependencies": { "net10.0": { "Newtonsoft.Json": { "type": "Direct", "resolved": "12.0.3" } } } }""", encoding);
        Encoded.Write(tree, "tool/tool.csproj", """<Project><ItemGroup><PackageReference Include="Serilog" Version="3.0.1" /></ItemGroup></Project>""", encoding);

        var findings = new DependencyScanner(db).Scan(tree.Root);
        var packages = DependencyScanner.ReadPackages(tree.Root);

        var finding = Assert.Single(findings);
        Assert.Equal("GHSA-npm minimist 1.2.5", $"{finding.VulnerabilityId} {finding.Package} {finding.Version}");
        Assert.Equal(["Newtonsoft.Json 12.0.3", "Serilog 3.0.1", "minimist 1.2.5"], packages.Select(p => $"{p.Name} {p.Version}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReadPackages_LockFileCutMidCharacter_FailsNamingTheFileAndTheEncoding()
    {
        using var tree = new TempTree();
        var bytes = Encoded.Bytes(NpmLock, "utf-16LE");
        var path = tree.Write("web/package-lock.json", "");
        File.WriteAllBytes(path, bytes[..^1]);

        var error = Assert.Throws<InvalidDataException>(() => DependencyScanner.ReadPackages(tree.Root));

        Assert.StartsWith($"{path}: cannot decode as UTF-16LE", error.Message);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void ScanDirectory_SecretInAFileWithAByteOrderMark_IsReportedWhereItIs(string encoding)
    {
        using var tree = new TempTree();
        Encoded.Write(tree, "deploy/settings.ps1", $"# deployment settings\n$env:AWS_ACCESS_KEY_ID = \"{Fake.AwsKeyId}\"\n", encoding);

        var finding = Assert.Single(new SecretScanner().ScanDirectory(tree.Root));

        Assert.Equal(("deploy/settings.ps1", 2, 27), (finding.File, finding.Line, finding.Column));
    }
}
