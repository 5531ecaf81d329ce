using System.Net;
using System.Net.Sockets;
using Greenlight.Core.Delivery;
using Greenlight.Core.Manifest;
using Greenlight.Engine.Control;
using Greenlight.Engine.Delivery;
using Greenlight.Engine.Sources;
using Greenlight.Providers.Targets;
using Greenlight.Providers.Traffic.Edge;
using Microsoft.Extensions.Logging.Abstractions;

namespace WavesBench;

/// <summary>
/// One controller in this process releasing <see cref="Apps"/> apps, each through staging and production with three
/// regions in waves [[r1], [r2, r3]]. A region is one real edge process shared by every app (each app its own listener on it);
/// revisions are real processes of <c>service.py</c>. Disposing stops the revisions, the controller and the edges.
/// </summary>
internal sealed class Fleet : IAsyncDisposable
{
    public static readonly string[] Environments = ["staging", "production"];
    public static readonly string[] Regions = ["r1", "r2", "r3"];

    /// <summary>How long a round of releases may take: well beyond what it needs, so that a stuck one says so.</summary>
    private static readonly TimeSpan ReleaseLimit = TimeSpan.FromMinutes(Environment.GetEnvironmentVariable("RELEASE_LIMIT_MINUTES") is { } m ? int.Parse(m) : 3);

    private readonly Dictionary<string, EdgeProcess> _edges = [];
    private AppControllers? _controllers;

    private Fleet(string workspace) => Workspace = workspace;

    public string Workspace { get; }

    /// <summary>The manifest snapshot of each app, as its file reads.</summary>
    public List<ManifestSnapshot> Snapshots { get; } = [];

    public Dictionary<string, AppDelivery> Deliveries { get; } = [];

    /// <summary>Every public address: (environment, region, app, host:port).</summary>
    public IEnumerable<(string Environment, string Region, string App, string Listen)> Addresses =>
        Snapshots.SelectMany(s => Lanes.Regions(s.Manifest!).Select(r => (r.Environment, r.Region, s.Manifest!.App, r.Edge.Listen)));

    public static async Task<Fleet> StartAsync(int apps, string python, string service, string greenlight, TimeSpan bake, CancellationToken ct)
    {
        var fleet = new Fleet(Directory.CreateTempSubdirectory("greenlight-bench-waves-").FullName);
        try
        {
            for (var i = 1; i <= apps; i++)
            {
                var file = Path.Combine(fleet.Workspace, "apps", $"app{i:00}", "greenlight.yaml");
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await File.WriteAllTextAsync(file, Manifest($"app{i:00}", python, service, bake), ct);
                var read = await ManifestFile.ReadAsync(file, ct);
                fleet.Snapshots.Add(read.Snapshot ?? throw new ManifestException(read.Errors));
            }
            var keys = Environments.SelectMany(e => Regions.Select(r => Lanes.Key(e, r))).ToList();
            var edges = await Task.WhenAll(keys.Select(key => EdgeProcess.StartAsync(greenlight, Path.Combine(fleet.Workspace, "edges", key), ct)));
            foreach (var (key, edge) in keys.Zip(edges))
                fleet._edges[key] = edge;
            var target = DeploymentTargets.Create("process", TimeProvider.System, NullLoggerFactory.Instance);
            fleet._controllers = await AppControllers.StartAsync(fleet.Snapshots.Select(s => s.Manifest!), new ControllerOptions
            {
                Manifest = fleet.Snapshots[0].Manifest!,
                StateDirectory = Path.Combine(fleet.Workspace, "state"),
                Router = Router(fleet._edges.Values.First()),
                Target = target,
            }, (environment, region) => Router(fleet._edges[Lanes.Key(environment, region)]), ct);
            foreach (var snapshot in fleet.Snapshots)
                fleet.Deliveries[snapshot.Manifest!.App] = fleet._controllers.DeliveryOf(snapshot.Manifest!.App);
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>Releases <paramref name="version"/> of every app at once (with <paramref name="edit"/> applied to each
    /// manifest file first, as a user would) and waits until every release ended.</summary>
    public async Task<List<Release>> ReleaseAllAsync(string version, Func<string, string>? edit, CancellationToken ct)
    {
        var snapshots = new List<ManifestSnapshot>();
        foreach (var snapshot in Snapshots)
        {
            if (edit is null)
            {
                snapshots.Add(snapshot);
                continue;
            }
            await File.WriteAllTextAsync(snapshot.File, edit(snapshot.Text!), ct);
            var read = await ManifestFile.ReadAsync(snapshot.File, ct);
            snapshots.Add(read.Snapshot ?? throw new ManifestException(read.Errors));
        }
        var started = await Task.WhenAll(snapshots.Select(s => Deliveries[s.Manifest!.App].DeployAsync(s, version, hotfix: false, null, ct)));
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(ReleaseLimit);
        try
        {
            return [.. await Task.WhenAll(started.Select(r => Deliveries[r.App].WaitAsync(r.Id, x => x.IsTerminal, bounded.Token)))];
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var stuck = await Deliveries[started[0].App].GetAsync(started[0].Id, ct);
            var events = await EventsAsync(started[0], started[0].Id, ct);
            throw new TimeoutException($"the releases of {version} did not end within {ReleaseLimit.TotalMinutes:0} minutes (the limit ReleaseLimit); "
                + $"{stuck!.App} is {stuck.Phase}, its last events: {string.Join(" | ", events.TakeLast(5).Select(e => e.Message))}");
        }
    }

    /// <summary>The controller's record of one release or rollout: its events, oldest first.</summary>
    public Task<IReadOnlyList<Greenlight.Engine.State.RolloutEvent>> EventsAsync(Release release, string id, CancellationToken ct) =>
        Deliveries[release.App].Lanes.Values.First().GetEventsAsync(id, 0, ct);

    private static Greenlight.Core.Traffic.ITrafficRouter Router(EdgeProcess edge) => edge.Connection.CreateRouter();

    private static string Manifest(string app, string python, string service, TimeSpan bake)
    {
        var environments = string.Concat(Environments.Select(e => $"""

              - name: {e}
                bake: {(int)bake.TotalMilliseconds}ms
                regions:
            {string.Concat(Regions.Select(r => $"      - {{name: {r}, edge: {{listen: 127.0.0.1:{FreePort()}}}}}\n"))}    waves: [[r1], [r2, r3]]
            """));
        return $"""
            app: {app}
            run:
              command: {python}
              args: [{service}]
              env:
                SERVICE_VERSION: ${"{"}version{"}"}
                ERROR_PERCENT: "0"
              stopTimeout: 5s
            health:
              path: /health
              interval: 50ms
              timeout: 30s
            strategy:
              blueGreen:
                warmFor: 1h
            environments:{environments}

            """;
    }

    private static readonly HashSet<int> Given = [];

    /// <summary>A free port below the kernel's ephemeral range, never given twice: the edge binds it only at the app's first
    /// release, and meanwhile a revision given an ephemeral port (port 0) could take one from that range.</summary>
    private static int FreePort()
    {
        var ephemeral = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0]);
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(Math.Max(1024, ephemeral - 12000), ephemeral);
            if (!Given.Add(port))
                continue;
            try
            {
                using var socket = new TcpListener(IPAddress.Loopback, port);
                socket.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try another
            }
        }
        throw new InvalidOperationException($"no free loopback port below the ephemeral range ({ephemeral}) after 1000 attempts");
    }

    public async ValueTask DisposeAsync()
    {
        if (_controllers is not null)
            await _controllers.DisposeAsync();
        foreach (var lane in Deliveries.Values.SelectMany(d => d.Lanes.Values))
            await lane.StopAllRevisionsAsync(CancellationToken.None);
        foreach (var edge in _edges.Values)
            await edge.DisposeAsync();
        if (Environment.GetEnvironmentVariable("WAVES_KEEP") is null)
            Directory.Delete(Workspace, recursive: true);
        else
            Console.Error.WriteLine($"kept {Workspace} (WAVES_KEEP)");
    }
}
