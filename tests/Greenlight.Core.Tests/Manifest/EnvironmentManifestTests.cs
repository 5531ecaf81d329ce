using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>Environments, regions and waves as read from the manifest, and the manifest each region runs.</summary>
public sealed class EnvironmentManifestTests
{
    private const string TwoEnvironments = """
        app: shop
        run:
          command: dotnet
          env: { LOG_LEVEL: debug, SHOP_MODE: live }
        checks:
          - name: home
            steps: [{ path: / }]
        environments:
          - name: staging
            regions:
              - { name: local, edge: { listen: 127.0.0.1:8180 } }
            soak: 2m
          - name: production
            promotion: manual
            window: { days: [mon, TUE], hours: "22:00-02:00", timeZone: Europe/Berlin }
            regions:
              - { name: one-box, edge: { listen: 127.0.0.1:8281 } }
              - { name: eu-west, edge: { listen: 127.0.0.1:8282 } }
              - { name: us-east, edge: { listen: "[::1]:8283" } }
            waves: [[one-box], [eu-west, us-east]]
            maxParallel: 1
            bake: 5m
            hotfixSoak: 10s
            onFailure: halt
            overrides:
              run: { env: { LOG_LEVEL: warn, REGION_COUNT: "3" } }
              checks: []
              health: { path: /ready }
              analysis:
                metrics: [{ name: errors, judge: errorRate }]
        """;

    private static AppManifest Read(string yaml) => ManifestLoader.Parse(yaml, "greenlight.yaml").GetOrThrow();

    [Fact]
    public void Parse_WithoutEnvironments_HasOneDefaultEnvironmentWithOneRegionOnTheEdge()
    {
        var manifest = Read(Minimal);

        var environment = Assert.Single(manifest.Environments);
        Assert.Equal("default", environment.Name);
        Assert.Equal([new RegionSpec("default", new EdgeSpec("127.0.0.1:8080"))], environment.Regions);
        Assert.Equal(["default"], Assert.Single(environment.Waves));
        Assert.Equal(manifest, manifest.ForRegion("default", "default"));
    }

    [Fact]
    public void Parse_Environments_ReadsEveryRuleInOrder()
    {
        var manifest = Read(TwoEnvironments);

        Assert.Equal(["staging", "production"], manifest.Environments.Select(e => e.Name));
        var staging = manifest.Environments[0];
        Assert.Equal((PromotionMode.Auto, TimeSpan.FromMinutes(2), TimeSpan.Zero, TimeSpan.Zero, FailurePolicy.RollbackAll, (int?)null, (DeploymentWindow?)null),
            (staging.Promotion, staging.Soak, staging.HotfixSoak, staging.Bake, staging.OnFailure, staging.MaxParallel, staging.Window));
        Assert.Equal(EnvironmentOverrides.None, staging.Overrides);
        var production = manifest.Environments[1];
        Assert.Equal((PromotionMode.Manual, TimeSpan.Zero, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), FailurePolicy.Halt, (int?)1),
            (production.Promotion, production.Soak, production.HotfixSoak, production.Bake, production.OnFailure, production.MaxParallel));
        Assert.Equal([["one-box"], ["eu-west", "us-east"]], production.Waves);
        Assert.Equal("mon,tue 22:00-02:00 Europe/Berlin", production.Window?.ToString());
        Assert.Equal(new EdgeSpec("[::1]:8283"), production.Regions[2].Edge);
    }

    [Fact]
    public void Parse_EnvironmentsWithoutATopLevelEdge_UseTheFirstRegionsEdgeAsTheAppsEdge() =>
        Assert.Equal(new EdgeSpec("127.0.0.1:8180"), Read(TwoEnvironments).Edge);

    [Fact]
    public void Parse_WavesLeftOut_AreOneWavePerRegionInListedOrder()
    {
        var manifest = Read(TwoEnvironments.Replace("    waves: [[one-box], [eu-west, us-east]]\n", ""));

        Assert.Equal([["one-box"], ["eu-west"], ["us-east"]], manifest.Environments[1].Waves);
    }

    [Fact]
    public void Parse_EnvironmentWithoutRegions_HasOneRegionOnTheTopLevelEdge()
    {
        var manifest = Read(Minimal + "\nenvironments:\n  - name: staging\n  - name: production\n    regions: [{ name: eu, edge: { listen: 127.0.0.1:9090 } }]\n");

        Assert.Equal([new RegionSpec("default", new EdgeSpec("127.0.0.1:8080"))], manifest.Environments[0].Regions);
        Assert.Equal(new EdgeSpec("127.0.0.1:9090"), manifest.ForRegion("production", "eu").Edge);
    }

    [Fact]
    public void ForRegion_AppliesTheEnvironmentsOverridesAndTheRegionsEdge()
    {
        var manifest = Read(TwoEnvironments);

        var usEast = manifest.ForRegion("production", "us-east");

        Assert.Equal(new EdgeSpec("[::1]:8283"), usEast.Edge);
        Assert.Equal(
            [KeyValuePair.Create("LOG_LEVEL", "warn"), KeyValuePair.Create("REGION_COUNT", "3"), KeyValuePair.Create("SHOP_MODE", "live")],
            usEast.Run.Environment.OrderBy(e => e.Key));
        Assert.Empty(usEast.Checks);
        Assert.Equal("/ready", usEast.Health.Path);
        Assert.Equal(["errors"], usEast.Analysis.Metrics.Select(m => m.Name));
        Assert.Equal(manifest.Strategy, usEast.Strategy);
    }

    [Fact]
    public void ForRegion_EnvironmentWithoutOverrides_RunsTheAppsValues()
    {
        var manifest = Read(TwoEnvironments);

        var local = manifest.ForRegion("staging", "local");

        Assert.Equal("debug", local.Run.Environment["LOG_LEVEL"]);
        Assert.Equal(["home"], local.Checks.Select(c => c.Name));
        Assert.Equal(manifest.Health, local.Health);
        Assert.Same(manifest.Analysis, local.Analysis);
    }

    [Theory]
    [InlineData("prod", "local", "no environment \"prod\" in the manifest of shop; it has staging, production (Parameter 'environment')")]
    [InlineData("staging", "eu-west", "no region \"eu-west\" in environment staging of shop; it has local (Parameter 'region')")]
    public void ForRegion_UnknownPlace_ThrowsListingThePlacesThereAre(string environment, string region, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => Read(TwoEnvironments).ForRegion(environment, region)).Message);
}
