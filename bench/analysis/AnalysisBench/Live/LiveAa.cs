using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Edge;
using Greenlight.Engine.Control;
using Greenlight.Providers.Targets;
using Greenlight.Providers.Traffic.Edge;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnalysisBench.Live;

/// <summary>
/// The live A/A: a Greenlight controller in this process with a real edge and the sample shop as real processes,
/// releasing canary after canary of the same build (each under a version number of its own) under steady load,
/// judged by the real analysis on the edge's own metrics. Every rollback is a false one.
/// </summary>
internal static class LiveAa
{
    /// <summary>Short analyses so that 50 canaries take minutes: half the traffic to the canary, and the judges pass
    /// by their maximum sample at 600 canary requests (after the warm-up); everything else is the default analysis.</summary>
    private static readonly IReadOnlyDictionary<string, string> JudgeOptions = new Dictionary<string, string> { ["maxCanaryRequests"] = "600" };

    public static async Task<LiveAaResult> RunAsync(string root, int canaries, int requestsPerSecond, CancellationToken ct)
    {
        var workspace = Directory.CreateTempSubdirectory("greenlight-live-aa-").FullName;
        var loadBefore = LoadAverage();
        var clock = Stopwatch.StartNew();
        var manifest = Manifest(root);
        var results = new List<LiveCanary>();
        long requests = 0, failed = 0;
        try
        {
            await using var edge = await EdgeServer.StartAsync(new EdgeOptions { StateDirectory = Path.Combine(workspace, "edge") });
            var router = new EdgeConnection(edge.AdminAddress, edge.Token, Environment.ProcessId).CreateRouter();
            var controller = new ReleaseController(new ControllerOptions
            {
                Manifest = manifest,
                StateDirectory = workspace,
                Router = router,
                Target = DeploymentTargets.Create("process", TimeProvider.System, NullLoggerFactory.Instance),
            });
            try
            {
                await controller.StartAsync(ct);
                var stable = Version(0);
                var first = await ReleaseAsync(controller, stable, ct);
                if (first.Phase != RolloutPhase.Completed) throw new InvalidOperationException($"the first release of the shop ended {first.Phase}: {first.Reason}");
                await using var load = new PacedLoad(new Uri($"http://{manifest.Edge.Listen}/"), requestsPerSecond);
                load.Start();
                var shadow = new ShadowAnalysis(router, manifest.App, JudgeOptions);
                for (var i = 1; i <= canaries; i++)
                {
                    var canary = await CanaryAsync(controller, shadow, Version(i), stable, ct);
                    results.Add(canary);
                    Console.Error.WriteLine($"live A/A {i}/{canaries}: {canary.Version} {canary.Phase} in {canary.Seconds:0.0} s: {canary.Verdict} | plain: {canary.Plain}");
                    if (!canary.RolledBack) stable = canary.Version;
                }

                (requests, failed) = (load.Requests, load.Failed);
            }
            finally
            {
                await controller.DisposeAsync();
                await controller.StopAllRevisionsAsync(CancellationToken.None);
            }
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }

        return new LiveAaResult(results, requests, failed, clock.Elapsed.TotalSeconds, requestsPerSecond, loadBefore, LoadAverage());
    }

    private static async Task<LiveCanary> CanaryAsync(ReleaseController controller, ShadowAnalysis shadow, string version, string stable, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var stopShadow = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var plain = shadow.WatchAsync(version, stable, stopShadow.Token);
        var rollout = await ReleaseAsync(controller, version, ct);
        await stopShadow.CancelAsync();
        var verdict = rollout.Phase == RolloutPhase.Completed ? rollout.LastVerdict?.Summary ?? "" : rollout.Reason ?? "";
        return new LiveCanary(version, rollout.Phase, verdict, clock.Elapsed.TotalSeconds, await plain);
    }

    private static async Task<Rollout> ReleaseAsync(ReleaseController controller, string version, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(TimeSpan.FromMinutes(3));
        var rollout = await controller.DeployAsync(new DeployRequest(version), bounded.Token);
        return await controller.WaitAsync(rollout.Id, r => r.IsTerminal, bounded.Token);
    }

    /// <summary>The shop's own manifest, as a canary: half the traffic, then the analysis, then all of it.</summary>
    private static AppManifest Manifest(string root)
    {
        var shop = Path.Combine(root, "samples", "shop");
        var sample = ManifestLoader.Load(Path.Combine(shop, "greenlight.yaml")).GetOrThrow();
        var analysis = AnalysisSpec.Default;
        return sample with
        {
            App = "shop-live-aa",
            Run = sample.Run with { Args = [Path.Combine(shop, "bin", "Release", "net10.0", "Shop.dll")] },
            Edge = new EdgeSpec($"127.0.0.1:{FreePort()}"),
            Health = sample.Health with { Interval = TimeSpan.FromMilliseconds(100) },
            Checks = [],
            Pipeline = null,
            Strategy = new StrategySpec(null, new CanarySpec(
                [new CanaryStep(CanaryStepKind.SetWeight, 50), new CanaryStep(CanaryStepKind.Analysis, Duration: TimeSpan.FromMinutes(2))], null, null, TimeSpan.Zero)),
            Analysis = analysis with { Metrics = [.. analysis.Metrics.Select(m => m with { JudgeOptions = JudgeOptions })] },
        };
    }

    // Healthy under every number: the shop's appsettings.json only gives 2.1, 2.2 and 2.3 a behaviour of their own.
    private static string Version(int i) => $"7.0.{i}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
