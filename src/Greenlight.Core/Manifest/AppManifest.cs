namespace Greenlight.Core.Manifest;

/// <summary>The validated content of <c>greenlight.yaml</c>. Built only by <see cref="ManifestLoader"/>.</summary>
public sealed partial record AppManifest(
    string App,
    RunSpec Run,
    HealthSpec Health,
    EdgeSpec Edge,
    StrategySpec Strategy,
    IReadOnlyList<Checks.SyntheticCheck> Checks)
{
    /// <summary>How canaries are judged; <see cref="AnalysisSpec.Default"/> unless the manifest says otherwise.</summary>
    public AnalysisSpec Analysis { get; init; } = AnalysisSpec.Default;

    /// <summary>The app's database and migrations, when it has one.</summary>
    public DatabaseSpec? Database { get; init; }

    /// <summary>The gates every release passes before any revision starts, when the app has them.</summary>
    public PipelineSpec? Pipeline { get; init; }

    /// <summary>The secrets every revision gets in its environment (or as files), resolved when it starts.</summary>
    public SecretsSpec Secrets { get; init; } = SecretsSpec.None;

    /// <summary>Whether the controller puts back what drifted from what it released, or only reports it.</summary>
    public ReconcileMode Reconcile { get; init; }

    /// <summary>Where the team hears of releases, rollbacks and drift; none when empty.</summary>
    public IReadOnlyList<Notifications.NotificationChannel> Notifications { get; init; } = [];

    /// <summary>Directory of the manifest file; relative paths in it resolve against this.</summary>
    public string BaseDirectory { get; init; } = ".";

    /// <summary>Where the app runs in the cluster; set exactly when <see cref="RunSpec.Target"/> is kubernetes.</summary>
    public KubernetesSpec? Kubernetes { get; init; }

    /// <summary>The file it was read from (full path); null for a manifest built in code.</summary>
    public string? SourceFile { get; init; }
}

/// <summary>How one revision is started. <c>${version}</c> in args and env values is replaced by the revision's version.</summary>
public sealed record RunSpec(
    string Command,
    IReadOnlyList<string> Args,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    TimeSpan StopTimeout)
{
    /// <summary>When the manifest names none; also for revisions whose manifest cannot be read (`greenlight down`).</summary>
    public static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The most processes one revision may run in one region (<c>run.instances</c>).</summary>
    public const int MaxInstances = 64;

    /// <summary>How many processes run the revision, each on its own port; it is healthy only when all of them are, and
    /// the edge spreads the revision's share of traffic over those that run.</summary>
    public int Instances { get; init; } = 1;

    /// <summary>Where revisions run (<c>run.target</c>): one of <see cref="Targets"/>.</summary>
    public string Target { get; init; } = ProcessTarget;

    /// <summary>What a container target runs; null for the process target. <see cref="Command"/> is then the container's
    /// command, empty for the image's own entrypoint.</summary>
    public ContainerSpec? Container { get; init; }

    public const string ProcessTarget = "process";

    /// <summary>Each revision a Deployment of <see cref="Instances"/> replicas and a Service.</summary>
    public const string KubernetesTarget = "kubernetes";

    /// <summary>The targets that run revisions from an image (<see cref="Container"/>).</summary>
    public static readonly IReadOnlyList<string> ContainerTargets = ["podman", "docker", KubernetesTarget];

    public static readonly IReadOnlyList<string> Targets = [ProcessTarget, .. ContainerTargets];
}

public sealed record HealthSpec(string Path, TimeSpan Timeout, TimeSpan Interval)
{
    /// <summary>While a dead serving revision starts again, the warm previous revision (if any) takes the traffic.</summary>
    public bool FallbackToWarm { get; init; } = true;
}

/// <summary>Where the edge accepts public traffic for this app, e.g. <c>127.0.0.1:8080</c>, and which traffic router
/// serves it there: the embedded edge, or an HAProxy process per app (<c>edge.router: haproxy</c>).</summary>
public sealed record EdgeSpec(string Listen, string Router = EdgeSpec.EdgeRouter)
{
    public const string EdgeRouter = "edge";
    public const string HaproxyRouter = "haproxy";

    public const string Http1Upstream = "http1";
    public const string Http2Upstream = "http2";

    /// <summary>How long a revision that left the route keeps its open requests (WebSockets, gRPC streams) before the
    /// edge ends them; the same value bounds the wait before the revision is stopped.</summary>
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>What the edge used before the field existed (YARP's own default), so a route without it behaves as before.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(100);

    /// <summary>HTTPS on the listener; certificate paths resolved against the manifest's directory.</summary>
    public Traffic.EdgeTls? Tls { get; init; }

    /// <summary><c>edge.hosts</c>: the host names the app answers, lower case, so apps can share <see cref="Listen"/>; null: all.</summary>
    public IReadOnlyList<string>? Hosts { get; init; }

    /// <summary>The protocol the edge speaks to revisions: <c>http1</c>, or <c>http2</c> (cleartext h2c with prior knowledge
    /// to http:// revisions, as gRPC servers need).</summary>
    public string Upstream { get; init; } = Http1Upstream;

    public TimeSpan DrainTimeout { get; init; } = DefaultDrainTimeout;

    /// <summary>How long an ordinary request may go without data from the revision (or the client) before the edge ends
    /// it; upgraded connections and gRPC calls are not bound by it.</summary>
    public TimeSpan IdleTimeout { get; init; } = DefaultIdleTimeout;
}

/// <summary>Exactly one strategy is set.</summary>
public sealed record StrategySpec(BlueGreenSpec? BlueGreen, CanarySpec? Canary = null);

/// <summary><paramref name="WarmFor"/>: how long the previous revision stays running for instant rollback.</summary>
public sealed record BlueGreenSpec(TimeSpan WarmFor);
