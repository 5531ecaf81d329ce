namespace Greenlight.Core.Targets;

/// <summary>Runs revisions somewhere (local processes, containers, Kubernetes). Keyed by <see cref="Name"/>.</summary>
public interface IDeploymentTarget
{
    string Name { get; }

    /// <summary>Starts the revision and waits until its health endpoint answers 200.
    /// On failure the revision is stopped and <see cref="RevisionStartException"/> says why.
    /// Idempotent per <see cref="RevisionSpec.LaunchId"/>: a process still running from an earlier attempt of the
    /// same launch (its controller died before it could record it) is stopped before the new one starts.</summary>
    /// <param name="launched">Called as soon as the revision exists, before the health wait, so the caller
    /// can record it: a controller that dies during the wait must find it again, not leak it.</param>
    Task<RevisionHandle> StartAsync(RevisionSpec spec, Func<RevisionHandle, Task> launched, CancellationToken cancellationToken);

    /// <summary>True when the very process of <paramref name="handle"/> (pid and start time) still runs.</summary>
    bool IsRunning(RevisionHandle handle);

    /// <summary>Graceful stop: SIGTERM, <paramref name="grace"/>, then kill. Idempotent. Also stops any process
    /// of the handle's <see cref="RevisionHandle.LaunchId"/>, even one whose pid was never recorded.</summary>
    Task StopAsync(RevisionHandle handle, TimeSpan grace, CancellationToken cancellationToken);
}

/// <param name="LaunchId">Names this start for as long as the caller keeps it: recorded before the process exists
/// and given to it, so that a process whose controller died before recording its pid can still be found.</param>
public sealed record RevisionSpec(
    string App,
    string Version,
    string Command,
    IReadOnlyList<string> Args,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    string HealthPath,
    TimeSpan HealthTimeout,
    TimeSpan HealthInterval,
    string LogFile,
    string? LaunchId = null)
{
    /// <summary>References to resolve into <see cref="Environment"/> as the revision starts. The engine does that before
    /// the target sees the spec, so a target gets this empty and the values in the environment.</summary>
    public Manifest.SecretsSpec Secrets { get; init; } = Manifest.SecretsSpec.None;

    /// <summary>Which of the revision's processes this is (0 for the first), when it runs several.</summary>
    public int Instance { get; init; }

    /// <summary>The manifest's run section for this revision (<c>${version}</c> expanded): a container target reads its
    /// <see cref="Manifest.RunSpec.Container"/> (image, port, resources) here, the kubernetes target also its instance count
    /// and stop timeout. Null for a spec built without a manifest, which only the process target runs.</summary>
    public Manifest.RunSpec? Run { get; init; }

    /// <summary>Where in the cluster the revision runs, for the kubernetes target.</summary>
    public Manifest.KubernetesSpec? Kubernetes { get; init; }

    /// <summary>Files of the controller's machine the revision reads by the path its environment names (secrets given as
    /// files): a process opens them where they are, a container target mounts each read-only at the same path.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
}

/// <summary>What is needed to find a running revision again after a controller restart.</summary>
/// <param name="LaunchId">The <see cref="RevisionSpec.LaunchId"/> it was started with, if any.</param>
public sealed record RevisionHandle(string App, string Version, int Pid, long StartTime, int Port, string LogFile, string? LaunchId = null)
{
    /// <summary>The <see cref="RevisionSpec.Instance"/> it was started as.</summary>
    public int Instance { get; init; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");
}

public sealed class RevisionStartException(string message) : Exception(message);
