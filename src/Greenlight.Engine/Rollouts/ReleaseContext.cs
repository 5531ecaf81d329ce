using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Core.Secrets;
using Greenlight.Core.Targets;
using Greenlight.Core.Traffic;
using Greenlight.Engine.Checks;
using Greenlight.Engine.State;
using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Rollouts;

/// <summary>Everything a rollout needs to act on the world. The controller holds one for the app; each rollout runs on a
/// copy whose <see cref="Manifest"/> is its release's snapshot, sharing everything else (route lock, catalog, analyses).</summary>
/// <param name="Manifest">The manifest this context acts by: a release's snapshot, or for the controller's own copy the
/// manifest it was started with (used only for what no release has told yet).</param>
/// <param name="Secrets">Values masked in whatever the rollout writes: step output, events, reasons.</param>
internal sealed record ReleaseContext(
    AppManifest Manifest,
    string StateDirectory,
    IStateStore Store,
    IDeploymentTarget Target,
    ITrafficRouter Router,
    HttpClient Http,
    TimeProvider Time,
    ILogger Logger,
    SecretValues Secrets)
{
    public SyntheticCheckRunner Checks { get; } = new(Http, Time);

    /// <summary>The pipeline of this context's manifest, with the runs of the app.</summary>
    public Pipeline.PipelineService Pipelines => new(Manifest, StateDirectory, Store, Time, Secrets);

    public ManifestCatalog Manifests { get; init; } = new(Store, Manifest.App, Secrets, null);

    /// <summary>The versions of the secrets revisions are started with, for drift.</summary>
    public Drift.ISecretVersions SecretVersions { get; init; } = Drift.NoSecretVersions.Instance;

    /// <summary>Keeps the files of <c>edge.tls</c> secrets current (see <see cref="Secrets.TlsSecretRouter"/>); none in tests
    /// that build a context of their own.</summary>
    public Secrets.TlsSecretRouter? TlsSecrets { get; init; }

    /// <summary>This context acting by a release's manifest.</summary>
    public ReleaseContext For(AppManifest manifest) => this with { Manifest = manifest };

    /// <summary>The manifest a revision was started from; the context's own for records older than snapshots.</summary>
    public AppManifest ManifestOf(RevisionRecord revision) => Manifests.Find(revision.ManifestDigest) ?? Manifest;

    /// <summary>The latest look of each running analysis (rollout id -> verdict), for `greenlight status`.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, Core.Analysis.AnalysisVerdict> LatestAnalysis { get; } = new();

    public string App => Manifest.App;

    /// <summary>Route changes of one app are read-modify-write on the edge; this keeps them in order.</summary>
    public SemaphoreSlim RouteLock { get; } = new(1, 1);

    /// <summary>Takes the revisions out of the app's route (weights and header routes); returns those it held.</summary>
    public async Task<IReadOnlyList<string>> RemoveFromRouteAsync(IReadOnlyCollection<string> versions, CancellationToken ct)
    {
        await RouteLock.WaitAsync(ct);
        try
        {
            if (await Router.GetAsync(App, ct) is not { } route)
                return [];
            var held = route.Backends.Select(b => b.Revision).Where(versions.Contains).ToList();
            if (held.Count > 0)
                await Router.ApplyAsync(route with
                {
                    Backends = route.Backends.Where(b => !versions.Contains(b.Revision)).ToList(),
                    Matches = route.Matches?.Where(m => !versions.Contains(m.Revision)).ToList(),
                }, ct);
            return held;
        }
        finally
        {
            RouteLock.Release();
        }
    }

    public Uri PublicAddress => new($"http://{Manifest.Edge.Listen}/");

    /// <summary>The Host header that reaches this app at <see cref="PublicAddress"/> when it shares the listener by host name.</summary>
    public string? PublicHost => Core.Traffic.HostNames.ToReach(Manifest.Edge.Hosts);

    /// <param name="revision">The revision's name: its version, or version@digest for a config release.</param>
    /// <param name="instance">Which of its processes (0 for the first): each has its own log file.</param>
    public RevisionSpec SpecFor(string revision, int instance = 0)
    {
        var run = Manifest.Run.ForVersion(RevisionNames.VersionOf(revision));
        // The revision learns who it is; these also let operators (and tests) find its processes.
        var env = new Dictionary<string, string>(run.Environment)
        {
            ["GREENLIGHT_APP"] = App, ["GREENLIGHT_REVISION"] = revision, ["GREENLIGHT_INSTANCE"] = instance.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var log = instance == 0 ? $"{App}-{revision}.log" : $"{App}-{revision}.{instance}.log";
        return new RevisionSpec(
            App, revision, run.Command, run.Args, run.WorkingDirectory, env,
            Manifest.Health.Path, Manifest.Health.Timeout, Manifest.Health.Interval,
            Path.Combine(StateDirectory, "logs", log))
        {
            Secrets = Manifest.Secrets, Instance = instance, Run = run, Kubernetes = Manifest.Kubernetes,
        };
    }

    /// <summary>The whole route for a split: a canary in progress adds its sticky sessions and its testers' header route.</summary>
    public AppRoute RouteFor(Rollout rollout, IReadOnlyList<RouteBackend> backends)
    {
        var route = new AppRoute(App, Manifest.Edge.Listen, backends)
        {
            Tls = Manifest.Edge.Tls, Hosts = Manifest.Edge.Hosts, Upstream = Upstream, DrainTimeoutSeconds = DrainSeconds, IdleTimeoutSeconds = IdleSeconds,
        };
        var canary = Manifest.Strategy.Canary;
        if (canary is null || rollout.Steps is null)
            return route;
        var sticky = canary.Sticky is { } s ? new StickyRoute(s.Cookie, s.Header) : null;
        var testers = canary.HeaderRoute is { } h && rollout.Phase == RolloutPhase.Stepping
            ? new[] { new MatchRoute(rollout.RevisionName, h.Header, h.Cookie, h.Value) }
            : null;
        return route with { Sticky = sticky, Matches = testers };
    }

    /// <summary>Null for HTTP/1.1, so a route of the default stays as routers that know no other read it.</summary>
    private string? Upstream => Manifest.Edge.Upstream == EdgeSpec.Http1Upstream ? null : Manifest.Edge.Upstream;

    /// <summary>Null for the default, as <see cref="Upstream"/>.</summary>
    private double? IdleSeconds => Manifest.Edge.IdleTimeout == EdgeSpec.DefaultIdleTimeout ? null : Manifest.Edge.IdleTimeout.TotalSeconds;

    private double? DrainSeconds => Manifest.Edge.Router == EdgeSpec.EdgeRouter ? Manifest.Edge.DrainTimeout.TotalSeconds : null;

    /// <summary>The revision's instances recorded running whose very process still runs (pid and start time); empty for a
    /// revision starting, stopped, dead, or gone without the controller noticing yet.</summary>
    public async Task<IReadOnlyList<RevisionRecord>> RunningAsync(string revision, CancellationToken ct) =>
        (await Store.ListInstancesAsync(App, revision, ct)).Where(r => r.Status == RevisionStatus.Running && Target.IsRunning(HandleOf(r))).ToList();

    /// <summary>Sets the revision's backend to its running instances, its weight unchanged: an instance that died leaves the
    /// route, one started again joins it. A revision the route does not hold, or with none running, is left to the rollout.</summary>
    public async Task RouteInstancesAsync(string revision, CancellationToken ct)
    {
        await RouteLock.WaitAsync(ct);
        try
        {
            if (await Router.GetAsync(App, ct) is not { } route || route.Backends.FirstOrDefault(b => b.Revision == revision) is not { } backend)
                return;
            var addresses = (await RunningAsync(revision, ct)).Select(r => HandleOf(r).BaseAddress).ToList();
            if (addresses.Count == 0 || addresses.SequenceEqual(backend.Addresses))
                return;
            var routed = RouteBackend.For(revision, addresses, backend.Weight);
            await Router.ApplyAsync(route with { Backends = [.. route.Backends.Select(b => b == backend ? routed : b)] }, ct);
        }
        finally
        {
            RouteLock.Release();
        }
    }

    public static RevisionHandle HandleOf(RevisionRecord r) => new(r.App, r.Version, r.Pid, r.StartTime, r.Port, r.LogFile, r.LaunchId) { Instance = r.Instance };
}
