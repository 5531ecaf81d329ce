using Greenlight.Testing;
using Greenlight.Core.Targets;
using Greenlight.Providers.Targets.Process;
using Microsoft.Extensions.Logging.Abstractions;
using OsProcess = System.Diagnostics.Process;

namespace Greenlight.Providers.Tests.Support;

/// <summary>Revisions of one test: specs in a temp directory, every process marked, and everything
/// stopped and deleted on dispose, even when the test failed.</summary>
internal sealed class RevisionScope : IAsyncDisposable
{
    private readonly List<RevisionHandle> handles = [];
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(90));
    private int logs;

    public const string MarkerVariable = "GREENLIGHT_TEST_SCOPE";

    public string Marker { get; } = Guid.NewGuid().ToString("N");

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("greenlight-test-").FullName;

    public LocalProcessTarget Target { get; } = NewTarget();

    /// <summary>Bounds every wait of a test, so that a bug fails it instead of hanging the run.</summary>
    public CancellationToken Cancellation => timeout.Token;

    public static LocalProcessTarget NewTarget() => new(TimeProvider.System, NullLogger<LocalProcessTarget>.Instance);

    /// <param name="settings">Configuration of the shop, e.g. ("Shop__ErrorRate", "1").</param>
    public RevisionSpec Shop(string version, params (string Name, string Value)[] settings) =>
        Spec(version, "dotnet", [RepoPaths.ShopDll], [("SHOP_VERSION", version), .. settings]);

    public RevisionSpec Shell(string script) => Spec("sh", "/bin/sh", ["-c", script], []);

    /// <summary>Handles reported by the target before their health wait ended.</summary>
    public List<RevisionHandle> Launched { get; } = [];

    public async Task<RevisionHandle> StartAsync(RevisionSpec spec)
    {
        var handle = await Target.StartAsync(spec, OnLaunched, Cancellation);
        handles.Add(handle);
        return handle;
    }

    public Task OnLaunched(RevisionHandle handle)
    {
        Launched.Add(handle);
        return Task.CompletedTask;
    }

    public IReadOnlyList<int> Leftovers() => MarkedProcesses.Find(MarkerVariable, Marker);

    public async ValueTask DisposeAsync()
    {
        foreach (var handle in handles)
        {
            await Target.StopAsync(handle, TimeSpan.FromSeconds(2), CancellationToken.None);
        }

        MarkedProcesses.KillAll(MarkerVariable, Marker);

        System.IO.Directory.Delete(Directory, recursive: true);
        timeout.Dispose();
    }

    private RevisionSpec Spec(string version, string command, string[] args, (string Name, string Value)[] environment) => new(
        App: "shop",
        Version: version,
        Command: command,
        Args: args,
        WorkingDirectory: Directory,
        Environment: environment.Append((Name: MarkerVariable, Value: Marker)).ToDictionary(pair => pair.Name, pair => pair.Value),
        HealthPath: "/health",
        HealthTimeout: TimeSpan.FromSeconds(20),
        HealthInterval: TimeSpan.FromMilliseconds(50),
        LogFile: Path.Combine(Directory, "logs", $"{version}-{Interlocked.Increment(ref logs)}.log"));
}
