using Greenlight.Core.Manifest;
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

    /// <summary>The target that runs the revisions of <paramref name="apps"/> (their <c>run.target</c>; process when there are
    /// none): one controller drives one target.</summary>
    /// <exception cref="ArgumentException">The apps name different targets.</exception>
    public static string NameFor(IReadOnlyList<AppManifest> apps)
    {
        var names = apps.Select(a => a.Run.Target).Distinct().ToList();
        return names.Count switch
        {
            0 => RunSpec.ProcessTarget,
            1 => names[0],
            _ => throw new ArgumentException(
                $"the apps run on different targets ({string.Join(", ", apps.Select(a => $"{a.App}: {a.Run.Target}"))}); one controller drives one target: give every app the same run.target"),
        };
    }

    /// <exception cref="ArgumentException">No target is called <paramref name="name"/>.</exception>
    public static IDeploymentTarget Create(string name, TimeProvider timeProvider, ILoggerFactory loggerFactory) =>
        Factories.TryGetValue(name, out var create)
            ? create(timeProvider, loggerFactory)
            : throw new ArgumentException(
                $"unknown deployment target '{name}', expected one of: {string.Join(", ", Names)}", nameof(name));
}
