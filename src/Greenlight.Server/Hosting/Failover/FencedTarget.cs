using Greenlight.Core.Targets;

namespace Greenlight.Server.Hosting.Failover;

/// <summary>The leader's deployment target: starts and stops nothing once the lease is lost, so a leader that wakes from a
/// pause after a follower took over cannot start or stop a revision behind the new leader's back.</summary>
internal sealed class FencedTarget(IDeploymentTarget inner, Leadership leadership) : IDeploymentTarget
{
    public string Name => inner.Name;

    public Task<RevisionHandle> StartAsync(RevisionSpec spec, Func<RevisionHandle, Task> launched, CancellationToken cancellationToken)
    {
        leadership.EnsureHolds($"start of revision {spec.App} {spec.Version}");
        return inner.StartAsync(spec, launched, cancellationToken);
    }

    public bool IsRunning(RevisionHandle handle) => inner.IsRunning(handle);

    public Task StopAsync(RevisionHandle handle, TimeSpan grace, CancellationToken cancellationToken)
    {
        leadership.EnsureHolds($"stop of revision {handle.App} {handle.Version}");
        return inner.StopAsync(handle, grace, cancellationToken);
    }
}
