using Greenlight.Core.Targets;
using Greenlight.Providers.Targets.Podman;
using Greenlight.Providers.Targets.Process;
using Microsoft.Extensions.Logging;

namespace Greenlight.Providers.Targets;

/// <summary>The built-in deployment targets, keyed by the name used in the manifest.</summary>
public static class DeploymentTargets
{
    private static readonly Dictionary<string, Func<TimeProvider, ILoggerFactory, IDeploymentTarget>> Factories =
        new(StringComparer.Ordinal)
        {
            [LocalProcessTarget.TargetName] = (time, logs) => new LocalProcessTarget(time, logs.CreateLogger<LocalProcessTarget>()),
            ["podman"] = (time, logs) => new PodmanTarget("podman", ContainerCli.PodmanOrDocker(), time, logs.CreateLogger<PodmanTarget>()),
            ["docker"] = (time, logs) => new PodmanTarget("docker", new ContainerCli("docker"), time, logs.CreateLogger<PodmanTarget>()),
        };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <exception cref="ArgumentException">No target is called <paramref name="name"/>.</exception>
    public static IDeploymentTarget Create(string name, TimeProvider timeProvider, ILoggerFactory loggerFactory) =>
        Factories.TryGetValue(name, out var create)
            ? create(timeProvider, loggerFactory)
            : throw new ArgumentException(
                $"unknown deployment target '{name}', expected one of: {string.Join(", ", Names)}", nameof(name));
}
