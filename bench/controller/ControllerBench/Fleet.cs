using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Control;

namespace ControllerBench;

/// <summary>
/// One controller (<see cref="AppControllers"/>, the Engine as `greenlight up` runs it) releasing <c>apps</c> apps at once,
/// each on its own lane: three in four are canaries (weights 20 and 50, each followed by an analysis of the edge's error
/// counts), the others blue-green; every release keeps its previous revision warm for an hour, so that once promoted it
/// waits, idle, as a real one does. Revisions and routes are the bench's instant ones.
/// </summary>
internal sealed class Fleet : IAsyncDisposable
{
    private readonly List<(string App, ManifestSnapshot Snapshot, ManifestSnapshot Held)> _apps = [];
    private AppControllers? _controllers;

    private Fleet(string workspace, BenchStore store) => (Workspace, Store) = (workspace, store);

    public string Workspace { get; }

    public BenchStore Store { get; }

    public HealthResponder Health { get; } = new();

    public InstantRouter Router { get; } = new();

    public InstantTarget Target { get; private set; } = null!;

    public int Canaries => _apps.Count(a => a.Snapshot.Manifest!.Strategy.Canary is not null);

    /// <summary>Seconds from the first release requested to each rollout settled, in the order they settled (last round only).</summary>
    public List<double> Settled { get; } = [];

    /// <param name="hold">How long the canaries of a spread release pause at 20% (<see cref="ReleaseAllAsync"/>): long enough
    /// that the first canary released is still in flight when the last one starts.</param>
    public static Fleet Create(int apps, BenchStore store, TimeSpan analysisInterval, TimeSpan hold)
    {
        var fleet = new Fleet(Directory.CreateTempSubdirectory("greenlight-bench-controller-").FullName, store);
        fleet.Target = new InstantTarget(fleet.Health.Port);
        for (var i = 1; i <= apps; i++)
        {
            var app = $"app{i:0000}";
            var file = Path.Combine(fleet.Workspace, "apps", app, "greenlight.yaml");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var text = Manifest(app, 20000 + i, canary: i % 4 != 0, analysisInterval, hold: null);
            File.WriteAllText(file, text);
            fleet._apps.Add((app, Read(text, file), Read(Manifest(app, 20000 + i, canary: i % 4 != 0, analysisInterval, hold), file)));
        }
        return fleet;
    }

    /// <summary>Starts the controller with a lane for every app, as `greenlight up` does on a workspace of that many apps.</summary>
    public async Task StartAsync(CancellationToken ct) =>
        _controllers = await AppControllers.StartAsync(_apps.Select(a => a.Snapshot.Manifest!), await Store.ConfigureAsync(new ControllerOptions
        {
            Manifest = _apps[0].Snapshot.Manifest!,
            StateDirectory = Path.Combine(Workspace, "state"),
            Router = Router,
            Target = Target,
        }, ct), null, ct);

    private static ManifestSnapshot Read(string text, string file) =>
        ManifestSnapshot.FromText(text, file) is { Snapshot: { } snapshot } ? snapshot : throw new ManifestException(ManifestSnapshot.FromText(text, file).Errors);

    /// <summary>
    /// Releases <paramref name="version"/> of every app and waits until each serves it (warm or completed): all in the same
    /// instant, or, with a <paramref name="spread"/>, started evenly over that window with the canaries pausing at 20% for
    /// the fleet's hold, so that the rollouts are in flight together and their observations arrive continuously.
    /// </summary>
    public async Task<IReadOnlyList<Rollout>> ReleaseAllAsync(string version, TimeSpan limit, CancellationToken ct, TimeSpan? spread = null)
    {
        var lanes = _controllers!;
        Settled.Clear();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var started = await Task.WhenAll(_apps.Select(async (a, i) =>
        {
            if (spread is { } window)
                await Task.Delay(window * i / _apps.Count - clock.Elapsed is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, ct);
            return await lanes.Resolve(a.App).DeployAsync(new DeployRequest(version, Manifest: spread is null ? a.Snapshot : a.Held), ct);
        }));
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(limit);
        try
        {
            var ended = await Task.WhenAll(started.Select(async r =>
            {
                var settled = await lanes.Resolve(r.App).WaitAsync(r.Id, x => x.IsSettled, bounded.Token);
                lock (Settled)
                    Settled.Add(clock.Elapsed.TotalSeconds);
                return settled;
            }));
            if (ended.FirstOrDefault(r => r.Serves != r.RevisionName) is { } failed)
                throw new InvalidOperationException($"rollout {failed.Id} of {failed.App} {failed.Version} ended {failed.Phase}: {failed.Reason}");
            return ended;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var stuck = new List<string>();
            foreach (var r in started)
                if (await lanes.Resolve(r.App).GetRolloutAsync(r.Id, ct) is { IsSettled: false } left)
                    stuck.Add($"{left.App} {left.Phase}");
            throw new TimeoutException($"the releases of {version} did not all settle within {limit.TotalSeconds:0} s (the bench's release limit): "
                + $"{stuck.Count} left, e.g. {string.Join(", ", stuck.Take(5))}");
        }
    }

    private static string Manifest(string app, int listen, bool canary, TimeSpan analysisInterval, TimeSpan? hold)
    {
        var pause = hold is { } h ? $"\n      - pause: {{duration: {(int)h.TotalMilliseconds}ms}}" : "";
        var strategy = canary
            ? $$"""
                canary:
                  steps:
                    - setWeight: 20{{pause}}
                    - analysis: {maxDuration: 1m}
                    - setWeight: 50
                    - analysis: {maxDuration: 1m}
                  warmFor: 1h
              """
            : """
                blueGreen:
                  warmFor: 1h
              """;
        return $"""
            app: {app}
            run:
              command: /bin/true
              env:
                SERVICE_VERSION: ${"{"}version{"}"}
              stopTimeout: 1s
            health:
              path: /health
              interval: 50ms
              timeout: 10s
            edge:
              listen: 127.0.0.1:{listen}
            strategy:
            {strategy}
            analysis:
              interval: {(int)analysisInterval.TotalMilliseconds}ms
              metrics:
                - {"{"}name: error-rate, provider: edge, judge: errorRate{"}"}

            """;
    }

    public async ValueTask DisposeAsync()
    {
        if (_controllers is not null)
            await _controllers.DisposeAsync();
        Health.Dispose();
        if (Environment.GetEnvironmentVariable("CONTROLLER_BENCH_KEEP") is null)
            Directory.Delete(Workspace, recursive: true);
    }
}
