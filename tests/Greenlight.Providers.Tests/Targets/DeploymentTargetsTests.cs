using Greenlight.Providers.Targets;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Providers.Tests.Targets;

public sealed class DeploymentTargetsTests
{
    [Fact]
    public void Create_Process_ReturnsTargetNamedProcess()
    {
        var target = DeploymentTargets.Create("process", TimeProvider.System, NullLoggerFactory.Instance);

        Assert.Equal("process", target.Name);
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingKnownTargets()
    {
        var error = Assert.Throws<ArgumentException>(() => DeploymentTargets.Create("podman", TimeProvider.System, NullLoggerFactory.Instance));

        Assert.StartsWith("unknown deployment target 'podman', expected one of: process", error.Message);
    }
}
