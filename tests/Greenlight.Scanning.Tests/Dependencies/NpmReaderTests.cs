using Greenlight.Scanning.Dependencies;

namespace Greenlight.Scanning.Tests.Dependencies;

public class NpmReaderTests
{
    [Fact]
    public void ReadPackages_LockfileV1_WalksNestedDependencyTree()
    {
        using var tree = new TempTree();
        tree.Write("web/package-lock.json", """
            {
              "name": "web", "version": "1.0.0", "lockfileVersion": 1,
              "dependencies": {
                "express": {
                  "version": "4.17.1",
                  "dependencies": { "qs": { "version": "6.7.0" } }
                },
                "qs": { "version": "6.11.0" },
                "my-alias": { "version": "npm:@scope/real@2.0.0" },
                "local": { "version": "file:../local" }
              }
            }
            """);

        var packages = DependencyScanner.ReadPackages(tree.Root);

        Assert.Equal(
            ["@scope/real 2.0.0 True", "express 4.17.1 True", "qs 6.11.0 True", "qs 6.7.0 False"],
            packages.Select(p => $"{p.Name} {p.Version} {p.Direct}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void ReadPackages_LockfileV2AndV3_ReadsPackagesMapWithNestedPaths(int lockfileVersion)
    {
        using var tree = new TempTree();
        tree.Write("web/package-lock.json", $$"""
            {
              "name": "web", "version": "1.0.0", "lockfileVersion": {{lockfileVersion}},
              "packages": {
                "": { "name": "web", "version": "1.0.0", "dependencies": { "express": "^4.17.1" } },
                "node_modules/express": { "version": "4.17.1" },
                "node_modules/express/node_modules/qs": { "version": "6.7.0" },
                "node_modules/@babel/core": { "version": "7.22.0", "dev": true },
                "node_modules/@babel/core/node_modules/semver": { "version": "6.3.0" },
                "node_modules/aliased": { "name": "real-pkg", "version": "1.2.3" },
                "node_modules/ws-link": { "resolved": "packages/ws", "link": true },
                "packages/ws": { "name": "ws-local", "version": "0.0.1" }
              },
              "dependencies": {
                "express": { "version": "4.17.1" }
              }
            }
            """);

        var packages = DependencyScanner.ReadPackages(tree.Root);

        Assert.Equal(
            ["@babel/core 7.22.0 True", "express 4.17.1 True", "qs 6.7.0 False", "real-pkg 1.2.3 True", "semver 6.3.0 False"],
            packages.Select(p => $"{p.Name} {p.Version} {p.Direct}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReadPackages_InstalledNodeModules_AreNotScannedTwice()
    {
        using var tree = new TempTree();
        tree.Write("web/node_modules/x/package-lock.json", """{ "lockfileVersion": 3, "packages": { "node_modules/y": { "version": "1.0.0" } } }""");

        Assert.Empty(DependencyScanner.ReadPackages(tree.Root));
    }
}
