namespace Greenlight.Core.Targets;

/// <summary>Runs revisions somewhere (local processes, containers, Kubernetes). Keyed by <see cref="Name"/>.</summary>
public interface IDeploymentTarget
{
    string Name { get; }

    /// <summary>Starts the revision and waits until its health endpoint answers 200.
    /// On failure the revision is stopped and <see cref="RevisionStartException"/> says why.</summary>
    /// <param name="launched">Called as soon as the revision exists, before the health wait, so the caller
    /// can record it: a controller that dies during the wait must find it again, not leak it.</param>
    Task<RevisionHandle> StartAsync(RevisionSpec spec, Func<RevisionHandle, Task> launched, CancellationToken cancellationToken);

    /// <summary>True when the very process of <paramref name="handle"/> (pid and start time) still runs.</summary>
    bool IsRunning(RevisionHandle handle);

    /// <summary>Graceful stop: SIGTERM, <paramref name="grace"/>, then kill. Idempotent.</summary>
    Task StopAsync(RevisionHandle handle, TimeSpan grace, CancellationToken cancellationToken);
}

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
    string LogFile);

/// <summary>What is needed to find a running revision again after a controller restart.</summary>
public sealed record RevisionHandle(string App, string Version, int Pid, long StartTime, int Port, string LogFile)
{
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");
}

public sealed class RevisionStartException(string message) : Exception(message);
