using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary><c>run.instances</c> and its environment override: how many processes each revision runs in a region.</summary>
public sealed class InstancesManifestTests
{
    private const string Environments = """
        app: shop
        run:
          command: dotnet
          instances: 3
        environments:
          - name: staging
            regions: [{ name: local, edge: { listen: 127.0.0.1:8180 } }]
            overrides: { run: { instances: 1 } }
          - name: production
            regions: [{ name: eu, edge: { listen: 127.0.0.1:8280 } }]
            overrides: { run: { instances: 2, env: { MODE: live } } }
          - name: perf
            regions: [{ name: lab, edge: { listen: 127.0.0.1:8380 } }]
        """;

    private static AppManifest Read(string yaml) => ManifestLoader.Parse(yaml, "greenlight.yaml").GetOrThrow();

    [Fact]
    public void Parse_WithoutInstances_RunsOneProcess() => Assert.Equal(1, Read(Minimal).Run.Instances);

    [Fact]
    public void Parse_Instances_IsTheRevisionsProcessCount() =>
        Assert.Equal(5, Read(Minimal.Replace("  command: dotnet", "  command: dotnet\n  instances: 5")).Run.Instances);

    [Fact]
    public void ForRegion_EnvironmentOverride_SetsTheCount_AndAnEnvironmentWithoutOneKeepsTheApps()
    {
        var manifest = Read(Environments);

        Assert.Equal(1, manifest.ForRegion("staging", "local").Run.Instances);
        Assert.Equal(2, manifest.ForRegion("production", "eu").Run.Instances);
        Assert.Equal("live", manifest.ForRegion("production", "eu").Run.Environment["MODE"]);
        Assert.Equal(3, manifest.ForRegion("perf", "lab").Run.Instances);
    }

    [Theory]
    [InlineData("0", "greenlight.yaml:4:14: run.instances: found \"0\", expected an instance count from 1 to 64")]
    [InlineData("65", "greenlight.yaml:4:14: run.instances: found \"65\", expected an instance count from 1 to 64")]
    [InlineData("two", "greenlight.yaml:4:14: run.instances: found \"two\", expected an instance count from 1 to 64")]
    [InlineData("-1", "greenlight.yaml:4:14: run.instances: found \"-1\", expected an instance count from 1 to 64")]
    [InlineData("[2]", "greenlight.yaml:4:14: run.instances: found a list, expected an instance count from 1 to 64")]
    public void Parse_BadInstanceCount_IsReportedAtItsValue(string value, string expected) =>
        Assert.Equal([expected], Errors(Minimal.Replace("  command: dotnet", "  command: dotnet\n  instances: " + value)));

    [Fact]
    public void Parse_BadInstanceOverride_IsReportedAtItsValue() =>
        Assert.Equal(
            ["greenlight.yaml:8:36: environments[0].overrides.run.instances: found \"100\", expected an instance count from 1 to 64"],
            Errors(Environments.Replace("overrides: { run: { instances: 1 } }", "overrides: { run: { instances: 100 } }")));
}
