using System.Collections.Concurrent;
using Greenlight.Core.Targets;

namespace ControllerBench;

/// <summary>
/// The bench's deployment target: a revision "starts" at once and "stops" at once, with no process behind it. Each one
/// answers its health endpoint through the one <see cref="HealthResponder"/> (its port is the revision's), as the
/// controller's health watch asks every running revision. The point is the controller, not the workloads.
/// </summary>
internal sealed class InstantTarget(int healthPort) : IDeploymentTarget
{
    private readonly ConcurrentDictionary<(string App, string Version, int Instance), int> _running = new();
    private int _pids = 100_000;

    public string Name => "instant";

    public async Task<RevisionHandle> StartAsync(RevisionSpec spec, Func<RevisionHandle, Task> launched, CancellationToken cancellationToken)
    {
        var pid = Interlocked.Increment(ref _pids);
        var handle = new RevisionHandle(spec.App, spec.Version, pid, pid, healthPort, spec.LogFile, spec.LaunchId) { Instance = spec.Instance };
        _running[(spec.App, spec.Version, spec.Instance)] = pid;
        await launched(handle);
        return handle;
    }

    public bool IsRunning(RevisionHandle handle) =>
        _running.TryGetValue((handle.App, handle.Version, handle.Instance), out var pid) && pid == handle.Pid;

    public Task StopAsync(RevisionHandle handle, TimeSpan grace, CancellationToken cancellationToken)
    {
        _running.TryRemove(KeyValuePair.Create((handle.App, handle.Version, handle.Instance), handle.Pid));
        return Task.CompletedTask;
    }
}
