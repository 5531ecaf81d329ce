using Greenlight.Scanning.Dependencies;

namespace Greenlight.Scanning.Tests.Dependencies;

public class DependencyScannerTests
{
    [Fact]
    public void Scan_TreeWithVulnerableNuGetAndNpm_ReportsBothAndGateFails()
    {
        using var tree = new TempTree();
        var db = Osv.Database(tree,
            Osv.Record("GHSA-nuget", "NuGet", "Newtonsoft.Json", [Osv.Introduced("0"), Osv.Fixed("13.0.1")],
                severity: "HIGH", aliases: ["CVE-2024-21907"]),
            Osv.Record("GHSA-npm", "npm", "minimist", [Osv.Introduced("0"), Osv.Fixed("1.2.6")], severity: "CRITICAL"));
        tree.Write("src/app/packages.lock.json", """
            { "version": 1, "dependencies": { "net10.0": {
                "newtonsoft.json": { "type": "Transitive", "resolved": "12.0.3" },
                "Serilog": { "type": "Direct", "requested": "[3.0.1, )", "resolved": "3.0.1" } } } }
            """);
        tree.Write("web/package-lock.json", """
            { "lockfileVersion": 3, "packages": { "": {}, "node_modules/minimist": { "version": "1.2.5" } } }
            """);

        var findings = new DependencyScanner(db).Scan(tree.Root);

        Assert.Equal(["GHSA-npm minimist 1.2.5 Critical fix 1.2.6", "GHSA-nuget newtonsoft.json 12.0.3 High fix 13.0.1"],
            findings.Select(f => $"{f.VulnerabilityId} {f.Package} {f.Version} {f.Severity} fix {f.FixedVersion}"));
        Assert.EndsWith("package-lock.json", findings[0].File);
        Assert.False(new DependencyGate(Severity.High).Evaluate(findings).Passed);
    }

    [Fact]
    public void Scan_FixedVersions_NoFindingsAndGatePasses()
    {
        using var tree = new TempTree();
        var db = Osv.Database(tree, Osv.Record("GHSA-npm", "npm", "minimist", [Osv.Introduced("0"), Osv.Fixed("1.2.6")], severity: "CRITICAL"));
        tree.Write("web/package-lock.json", """{ "lockfileVersion": 2, "packages": { "node_modules/minimist": { "version": "1.2.6" } } }""");

        var findings = new DependencyScanner(db).Scan(tree.Root);

        Assert.Empty(findings);
        Assert.True(new DependencyGate(Severity.Low).Evaluate(findings).Passed);
    }

    [Fact]
    public void ReadPackages_MalformedLockFile_ThrowsInsteadOfSkipping()
    {
        using var tree = new TempTree();
        tree.Write("web/package-lock.json", "{ not json");

        var ex = Assert.Throws<InvalidDataException>(() => DependencyScanner.ReadPackages(tree.Root));

        Assert.Contains("package-lock.json", ex.Message);
    }

    [Theory]
    [InlineData("web/package-lock.json", "{\"lockfileVersion\": 1,\n\"dependencies\": ", "web/package-lock.json:2:")]
    [InlineData("api/packages.lock.json", "{\"version\": 1,\n\"dependencies\": ", "api/packages.lock.json:2:")]
    public void ReadPackages_LockFileNested50000Deep_ThrowsNamingTheFileLineAndColumn(string file, string head, string location)
    {
        using var tree = new TempTree();
        tree.Write(file, head + new string('[', 50_000) + new string(']', 50_000) + "}");

        var ex = Assert.Throws<InvalidDataException>(() => DependencyScanner.ReadPackages(tree.Root));

        Assert.StartsWith(Path.Combine(tree.Root, location), ex.Message);
        Assert.Contains(": cannot read: The maximum configured depth of 64 has been exceeded", ex.Message);
    }

    [Fact]
    public void ReadPackages_CsprojNested50000Deep_ThrowsNamingTheFileLineAndColumn()
    {
        using var tree = new TempTree();
        var deep = string.Concat(Enumerable.Repeat("<a>", 50_000)) + "1.0" + string.Concat(Enumerable.Repeat("</a>", 50_000));
        tree.Write("api/Api.csproj", $"<Project>\n<ItemGroup><PackageReference Include=\"Serilog\"><Version>{deep}</Version></PackageReference></ItemGroup></Project>");

        var ex = Assert.Throws<InvalidDataException>(() => DependencyScanner.ReadPackages(tree.Root));

        Assert.StartsWith(Path.Combine(tree.Root, "api/Api.csproj:2:"), ex.Message);
        Assert.Contains("nested more than 256 levels deep", ex.Message);
    }
}
