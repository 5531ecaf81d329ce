using Greenlight.Core.Manifest;
using Greenlight.Providers.Targets;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Providers.Tests.Targets;

public sealed class DeploymentTargetsTests
{
    [Theory]
    [InlineData("process")]
    [InlineData("podman")]
    [InlineData("docker")]
    public void Create_EveryTargetTheManifestNames_ReturnsTargetOfThatName(string name)
    {
        var target = DeploymentTargets.Create(name, TimeProvider.System, NullLoggerFactory.Instance);

        Assert.Equal(name, target.Name);
        // The kubernetes target needs a cluster connection and the apps' namespaces: KubernetesProviders makes it.
        Assert.Equal(RunSpec.Targets.Except([RunSpec.KubernetesTarget]).Order(), DeploymentTargets.Names.Order());
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingKnownTargets()
    {
        var error = Assert.Throws<ArgumentException>(() => DeploymentTargets.Create("nomad", TimeProvider.System, NullLoggerFactory.Instance));

        Assert.StartsWith("unknown deployment target 'nomad', expected one of: process, podman, docker", error.Message);
    }

    [Fact]
    public void NameFor_AppsOnDifferentTargets_RefusesNamingEachAppsTarget()
    {
        var shop = ManifestLoader.Parse("app: shop\nrun:\n  command: dotnet\nedge:\n  listen: 127.0.0.1:8080\n", "a.yaml").GetOrThrow();
        var cart = shop with { App = "cart", Run = shop.Run with { Target = "podman" } };

        Assert.Equal("process", DeploymentTargets.NameFor([shop, shop]));
        Assert.Equal("process", DeploymentTargets.NameFor([]));
        var error = Assert.Throws<ArgumentException>(() => DeploymentTargets.NameFor([shop, cart]));
        Assert.Contains("shop: process, cart: podman", error.Message);
    }
}
