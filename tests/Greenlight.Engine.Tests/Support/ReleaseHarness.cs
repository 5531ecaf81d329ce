using System.Net;
using System.Net.Sockets;
using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Core.Targets;
using Greenlight.Edge;
using Greenlight.Engine.Control;
using Greenlight.Providers.Targets;
using Greenlight.Providers.Traffic.Edge;
using Greenlight.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Engine.Tests.Support;

/// <summary>
/// A controller on the sample shop with a real edge on a random loopback port, real shop processes
/// and a state directory of its own. Disposing stops and deletes everything, even after a failure.
/// </summary>
internal sealed class ReleaseHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    private ReleaseHarness(string workspace, AppManifest manifest, EdgeServer edge)
    {
        Workspace = workspace;
        Manifest = manifest;
        Edge = edge;
        Public = new HttpClient { BaseAddress = new Uri($"http://{manifest.Edge.Listen}/"), Timeout = TimeSpan.FromSeconds(10) };
        Controller = NewController();
    }

    public string Workspace { get; }
    public AppManifest Manifest { get; private set; }
    public EdgeServer Edge { get; }
    public ReleaseController Controller { get; private set; }
    public HttpClient Public { get; }
    public CancellationToken Cancellation => _timeout.Token;

    /// <param name="adjust">Changes to the sample's manifest, e.g. a canary strategy.</param>
    public static async Task<ReleaseHarness> StartAsync(Func<AppManifest, AppManifest>? adjust = null)
    {
        var workspace = Directory.CreateTempSubdirectory("greenlight-engine-").FullName;
        var sample = ManifestLoader.Load(RepoPaths.ShopManifest).GetOrThrow();
        var manifest = sample with
        {
            App = $"shop-{Guid.NewGuid():N}"[..13],
            Run = sample.Run with { Args = [RepoPaths.ShopDll] },
            Edge = new EdgeSpec(Ports.FreeListen()),
            Health = sample.Health with { Timeout = TimeSpan.FromSeconds(10) }, // long enough for a start on a busy 2-core machine
            Pipeline = null, // the gates have tests of their own; these are about the rollout
            SourceFile = null, // built in code now: releases carry this very model, not the sample file
        };
        var edge = await EdgeServer.StartAsync(new EdgeOptions { StateDirectory = Path.Combine(workspace, "edge") });
        var harness = new ReleaseHarness(workspace, adjust?.Invoke(manifest) ?? manifest, edge);
        await harness.Controller.StartAsync(harness.Cancellation);
        return harness;
    }

    private ReleaseController NewController(IDeploymentTarget? target = null) => new(new ControllerOptions
    {
        Manifest = Manifest,
        StateDirectory = Workspace,
        Router = new EdgeConnection(Edge.AdminAddress, Edge.Token, Environment.ProcessId).CreateRouter(),
        Target = target ?? DeploymentTargets.Create("process", TimeProvider.System, NullLoggerFactory.Instance),
    });

    /// <summary>A new controller with a changed manifest, e.g. pointing at a server started after the edge.</summary>
    public async Task ReconfigureAsync(Func<AppManifest, AppManifest> change)
    {
        Manifest = change(Manifest);
        await RestartControllerAsync();
    }

    /// <summary>Stops this controller (as a crash would, between two steps) and starts a fresh one on the same state.</summary>
    /// <param name="target">Instead of the real process target, e.g. one that fails on purpose.</param>
    public async Task RestartControllerAsync(IDeploymentTarget? target = null)
    {
        await Controller.DisposeAsync();
        Controller = NewController(target);
        await Controller.StartAsync(Cancellation);
    }

    /// <summary>Abandons this controller as a kill would (nothing it was doing finishes or cleans up) and starts a
    /// fresh one on the same state. The abandoned one must be stuck where the test wants it to die.</summary>
    public async Task CrashControllerAsync()
    {
        Controller = NewController();
        await Controller.StartAsync(Cancellation);
    }

    public async Task<Rollout> DeployAsync(string version)
    {
        var rollout = await Controller.DeployAsync(new(version), Cancellation);
        return await Controller.WaitAsync(rollout.Id, r => r.IsSettled, Cancellation);
    }

    /// <summary>The version that answers the next public request through the edge.</summary>
    public async Task<string> NextVersionAsync()
    {
        using var response = await Public.GetAsync("/", Cancellation);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Shop-Version").Single();
    }

    /// <summary>Shop processes of this test's app still running.</summary>
    public IReadOnlyList<int> RunningRevisions() => MarkedProcesses.Find("GREENLIGHT_APP", Manifest.App);

    public async ValueTask DisposeAsync()
    {
        await Controller.DisposeAsync();
        await Controller.StopAllRevisionsAsync(CancellationToken.None);
        MarkedProcesses.KillAll("GREENLIGHT_APP", Manifest.App);
        await Edge.DisposeAsync();
        Public.Dispose();
        _timeout.Dispose();
        Directory.Delete(Workspace, recursive: true);
    }

}
