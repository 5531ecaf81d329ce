using Greenlight.Core.Rollouts;
using Greenlight.Core.Targets;
using Greenlight.Engine.Tests.Support;
using Greenlight.Providers.Targets;
using Greenlight.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Engine.Tests.Control;

/// <summary>A controller killed between spawning a revision and recording its pid must not leave a process nobody sees.</summary>
public sealed class OrphanRevisionTests
{
    [Fact]
    public async Task Deploy_ControllerDiesRightAfterTheSpawn_TheNextControllerLeavesOneProcessOfTheVersionVisibleToStatus()
    {
        await using var h = await ReleaseHarness.StartAsync();
        await h.DeployAsync("1.0");
        var dying = new DyingAtSpawnTarget(DeploymentTargets.Create("process", TimeProvider.System, NullLoggerFactory.Instance));
        await h.RestartControllerAsync(dying);
        var release = await h.Controller.DeployAsync(new("2.0"), h.Cancellation);
        var orphan = await dying.Spawned.Task.WaitAsync(h.Cancellation);

        await h.CrashControllerAsync();
        var settled = await h.Controller.WaitAsync(release.Id, r => r.IsSettled, h.Cancellation);

        Assert.Equal(RolloutPhase.Warm, settled.Phase);
        var status = await h.Controller.StatusAsync(h.Cancellation);
        var row = Assert.Single(status.Revisions, r => r.Version == "2.0");
        Assert.Equal("serving", row.Role);
        Assert.Equal([row.Pid], h.RunningRevisions().Intersect(MarkedProcesses.Find("GREENLIGHT_REVISION", "2.0")));
        Assert.NotEqual(orphan.Pid, row.Pid);
        Assert.Equal("2.0", await h.NextVersionAsync());
    }

    /// <summary>Spawns for real, then never returns from the controller's callback that would record the revision: the
    /// controller is stuck right after the spawn, as if killed there, and nothing of that start cleans up.</summary>
    private sealed class DyingAtSpawnTarget(IDeploymentTarget real) : IDeploymentTarget
    {
        public TaskCompletionSource<RevisionHandle> Spawned { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => real.Name;

        public Task<RevisionHandle> StartAsync(RevisionSpec spec, Func<RevisionHandle, Task> launched, CancellationToken cancellationToken) =>
            real.StartAsync(spec, handle =>
            {
                Spawned.TrySetResult(handle);
                return new TaskCompletionSource().Task;
            }, CancellationToken.None);

        public bool IsRunning(RevisionHandle handle) => real.IsRunning(handle);

        public Task StopAsync(RevisionHandle handle, TimeSpan grace, CancellationToken cancellationToken) => real.StopAsync(handle, grace, cancellationToken);
    }
}
