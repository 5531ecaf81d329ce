using Greenlight.Scanning.Dependencies;

namespace Greenlight.Scanning.Tests.Dependencies;

public class NuGetReaderTests
{
    private const string LockFile = """
        {
          "version": 1,
          "dependencies": {
            "net8.0": {
              "Serilog": { "type": "Direct", "requested": "[3.0.0, )", "resolved": "3.0.1", "contentHash": "x" },
              "System.Text.Json": { "type": "Transitive", "resolved": "8.0.0", "contentHash": "x" },
              "My.Other.Project": { "type": "Project" }
            },
            "net10.0": {
              "Serilog": { "type": "Direct", "requested": "[3.0.0, )", "resolved": "3.0.1", "contentHash": "x" },
              "System.Text.Json": { "type": "CentralTransitive", "requested": "[9.0.0, )", "resolved": "9.0.0" }
            }
          }
        }
        """;

    [Fact]
    public void ReadPackages_LockFile_AllFrameworksDeduplicatedWithoutProjects()
    {
        using var tree = new TempTree();
        var path = tree.Write("app/packages.lock.json", LockFile);

        var packages = DependencyScanner.ReadPackages(tree.Root);

        Assert.Equal(
            ["Serilog 3.0.1 direct", "System.Text.Json 8.0.0 transitive", "System.Text.Json 9.0.0 transitive"],
            packages.Select(p => $"{p.Name} {p.Version} {(p.Direct ? "direct" : "transitive")}").Order());
        Assert.All(packages, p => Assert.Equal(path, p.File));
        Assert.All(packages, p => Assert.Equal(Ecosystems.NuGet, p.Ecosystem));
    }

    [Fact]
    public void ReadPackages_CsprojNextToLockFile_LockFileWins()
    {
        using var tree = new TempTree();
        tree.Write("app/packages.lock.json", LockFile);
        tree.Write("app/App.csproj", """<Project><ItemGroup><PackageReference Include="Dapper" Version="1.0.0" /></ItemGroup></Project>""");

        Assert.DoesNotContain(DependencyScanner.ReadPackages(tree.Root), p => p.Name == "Dapper");
    }

    [Fact]
    public void ReadPackages_CsprojWithCentralVersions_ResolvesFromNearestProps()
    {
        using var tree = new TempTree();
        tree.Write("Directory.Packages.props", """
            <Project>
              <ItemGroup>
                <PackageVersion Include="Dapper" Version="2.0.4" />
                <PackageVersion Include="Polly" Version="7.2.0" />
              </ItemGroup>
            </Project>
            """);
        tree.Write("src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="Dapper" />
                <PackageReference Include="Polly" VersionOverride="8.0.0" />
                <PackageReference Include="Humanizer"><Version>[2.14.1, 3.0)</Version></PackageReference>
                <PackageReference Include="NoVersionAnywhere" />
              </ItemGroup>
            </Project>
            """);

        var packages = DependencyScanner.ReadPackages(tree.Root);

        Assert.Equal(
            ["Dapper 2.0.4", "Humanizer 2.14.1", "Polly 8.0.0"],
            packages.Select(p => $"{p.Name} {p.Version}").Order());
        Assert.All(packages, p => Assert.True(p.Direct));
    }

    [Fact]
    public void ReadPackages_ObjAndBinFolders_AreSkipped()
    {
        using var tree = new TempTree();
        tree.Write("app/obj/packages.lock.json", LockFile);

        Assert.Empty(DependencyScanner.ReadPackages(tree.Root));
    }
}
