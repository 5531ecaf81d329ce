using Greenlight.Core.Manifest;
using Greenlight.Core.Targets;
using Greenlight.Providers.Targets;
using Greenlight.Testing.Podman;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Providers.Tests.Targets.Podman;

/// <summary>A podman target and an app name of its own (tests run in parallel); disposing removes every container of the app.</summary>
internal sealed class ContainerScope : IAsyncDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    public string App { get; } = "pt-" + Guid.NewGuid().ToString("N")[..10];
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("greenlight-podman-").FullName;
    public CancellationToken Cancellation => _timeout.Token;

    /// <summary>A new target each time, as a restarted controller would make.</summary>
    public static IDeploymentTarget NewTarget() => DeploymentTargets.Create("podman", TimeProvider.System, NullLoggerFactory.Instance);

    public async Task<RevisionSpec> SpecAsync(string version, IReadOnlyDictionary<string, string>? environment = null, string? launch = null) =>
        new(App, version, "", [], "/", new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["VERSION"] = version },
            "/health", TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50), Path.Combine(Directory, "logs", $"{App}-{version}.log"),
            launch ?? Guid.NewGuid().ToString("N"))
        {
            Run = Container(new ContainerSpec(await TestImage.TagAsync(version), 8080, new ResourceLimits(0.5m, 64L << 20))),
        };

    /// <summary>The run section of a podman app that runs <paramref name="container"/> with the image's own command.</summary>
    public static RunSpec Container(ContainerSpec container) =>
        new("", [], "/", new Dictionary<string, string>(), RunSpec.DefaultStopTimeout) { Target = "podman", Container = container };

    public async ValueTask DisposeAsync()
    {
        await PodmanCli.RemoveAllAsync($"greenlight.app={App}");
        _timeout.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
