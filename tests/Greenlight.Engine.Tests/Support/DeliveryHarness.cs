using Greenlight.Core.Delivery;
using Greenlight.Core.Manifest;
using Greenlight.Core.Targets;
using Greenlight.Edge;
using Greenlight.Engine.Control;
using Greenlight.Engine.Delivery;
using Greenlight.Engine.Sources;
using Greenlight.Providers.Targets;
using Greenlight.Providers.Traffic.Edge;
using Greenlight.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Engine.Tests.Support;

/// <summary>
/// The sample shop as an app with environments: a manifest file written from <c>environments</c> YAML whose
/// <c>{listen}</c> placeholders get free loopback ports, a real edge per region (its own server, as in production),
/// real shop processes and a state directory of its own. Disposing stops and deletes everything.
/// </summary>
internal sealed class DeliveryHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));
    private readonly Dictionary<string, EdgeServer> _edges = [];
    private AppControllers _controllers = null!;

    private DeliveryHarness(string workspace, ManifestSnapshot snapshot)
    {
        Workspace = workspace;
        Snapshot = snapshot;
    }

    public string Workspace { get; }
    public ManifestSnapshot Snapshot { get; }
    public AppDelivery Delivery { get; private set; } = null!;
    public CancellationToken Cancellation => _timeout.Token;
    public string App => Snapshot.Manifest!.App;

    /// <param name="target">Wraps the real process target, e.g. to fail one region on purpose.</param>
    /// <param name="deliveryTime">The clock of windows, bakes and soaks.</param>
    public static async Task<DeliveryHarness> StartAsync(string environments, Func<IDeploymentTarget, IDeploymentTarget>? target = null, TimeProvider? deliveryTime = null)
    {
        var workspace = Directory.CreateTempSubdirectory("greenlight-delivery-").FullName;
        while (environments.Contains("{listen}"))
        {
            var at = environments.IndexOf("{listen}", StringComparison.Ordinal);
            environments = environments[..at] + Ports.FreeListen() + environments[(at + "{listen}".Length)..];
        }
        var file = Path.Combine(workspace, "greenlight.yaml");
        File.WriteAllText(file, $"""
            app: shop{Guid.NewGuid():N}
            run:
              command: dotnet
              args: [{RepoPaths.ShopDll}]
              workingDirectory: {Path.GetDirectoryName(RepoPaths.ShopManifest)}
              env:
                SHOP_VERSION: ${"{"}version{"}"}
            health:
              path: /health
              timeout: 10s
            strategy:
              blueGreen:
                warmFor: 1h
            {environments}
            """);
        var read = await ManifestFile.ReadAsync(file, CancellationToken.None);
        var harness = new DeliveryHarness(workspace, read.Snapshot ?? throw new ManifestException(read.Errors));
        foreach (var (environment, region, _) in Lanes.Regions(harness.Snapshot.Manifest!))
            harness._edges[Lanes.Key(environment, region)] = await EdgeServer.StartAsync(new EdgeOptions { StateDirectory = Path.Combine(workspace, "edges", $"{environment}.{region}") });
        var real = DeploymentTargets.Create("process", TimeProvider.System, NullLoggerFactory.Instance);
        harness._start = async () =>
        {
            harness._controllers = await AppControllers.StartAsync([harness.Snapshot.Manifest!], new ControllerOptions
            {
                Manifest = harness.Snapshot.Manifest!,
                StateDirectory = workspace,
                Router = Router(harness._edges.Values.First()),
                Target = target?.Invoke(real) ?? real,
            }, (environment, region) => Router(harness._edges[Lanes.Key(environment, region)]), harness.Cancellation, deliveryTime);
            harness.Delivery = harness._controllers.DeliveryOf(harness.App);
        };
        await harness._start();
        return harness;
    }

    private Func<Task> _start = null!;

    /// <summary>Stops the controller wherever its releases are (their records stay as they were) and starts a new one on
    /// the same state, edges and running revisions.</summary>
    /// <param name="whileStopped">Runs while no controller runs, e.g. to leave the state as a controller killed at a
    /// given instant would have left it.</param>
    public async Task RestartControllerAsync(Func<Task>? whileStopped = null)
    {
        await _controllers.DisposeAsync();
        if (whileStopped is not null)
            await whileStopped();
        await _start();
    }

    private static Core.Traffic.ITrafficRouter Router(EdgeServer edge) => new EdgeConnection(edge.AdminAddress, edge.Token, Environment.ProcessId).CreateRouter();

    /// <summary>Releases <paramref name="version"/> and waits until it ends (or, with <paramref name="until"/>, until that holds).</summary>
    /// <param name="edit">Changes to the manifest this release brings (the file is edited, as a user would).</param>
    /// <param name="requester">Who asks for the release, as the API names its caller.</param>
    public async Task<Release> ReleaseAsync(string version, string? environment = null, Func<Release, bool>? until = null, Func<string, string>? edit = null,
        string? requester = null)
    {
        var snapshot = Snapshot;
        if (edit is not null)
        {
            File.WriteAllText(Snapshot.File, edit(Snapshot.Text!));
            snapshot = (await ManifestFile.ReadAsync(Snapshot.File, Cancellation)).Snapshot!;
        }
        var release = await Delivery.DeployAsync(snapshot, version, hotfix: false, environment, Cancellation, requester: requester);
        return await Delivery.WaitAsync(release.Id, until ?? (r => r.IsTerminal), Cancellation);
    }

    /// <summary>The version that answers the next public request through the edge of one region.</summary>
    public async Task<string> VersionAtAsync(string environment, string region)
    {
        var listen = Snapshot.Manifest!.ForRegion(environment, region).Edge.Listen;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync($"http://{listen}/", Cancellation);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Shop-Version").Single();
    }

    /// <summary>The metrics endpoint of one region's edge for a test Prometheus, with the edge's token in a file of the workspace.</summary>
    public Testing.Prometheus.ScrapeTarget ScrapeTargetOf(string environment, string region)
    {
        var edge = _edges[Lanes.Key(environment, region)];
        var token = Path.Combine(Workspace, $"scrape-{environment}.{region}.token");
        File.WriteAllText(token, edge.Token);
        return new Testing.Prometheus.ScrapeTarget(edge.AdminAddress.Authority, token);
    }

    /// <summary>Requests through one region's edge, one after the other, until cancelled; failures are the test's to judge.</summary>
    public async Task LoadAsync(string environment, string region, CancellationToken stop)
    {
        var listen = Snapshot.Manifest!.ForRegion(environment, region).Edge.Listen;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync($"http://{listen}/", stop);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // counted by the edge, or the load is over
            }
        }
    }

    /// <summary>Waits until the edge of one region counted <paramref name="requests"/> answers of <paramref name="revision"/>.</summary>
    public async Task WaitServedAsync(string environment, string region, string revision, long requests)
    {
        var lane = Delivery.Lanes[Lanes.Key(environment, region)];
        while (((await lane.TrafficAsync(Cancellation)).GetValueOrDefault(revision)?.Requests ?? 0) < requests)
            await Task.Delay(50, Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        await _controllers.DisposeAsync();
        foreach (var lane in Delivery.Lanes.Values)
        {
            await lane.StopAllRevisionsAsync(CancellationToken.None);
            MarkedProcesses.KillAll("GREENLIGHT_APP", lane.App);
        }
        foreach (var edge in _edges.Values)
            await edge.DisposeAsync();
        _timeout.Dispose();
        Directory.Delete(Workspace, recursive: true);
    }
}
