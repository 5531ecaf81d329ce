using Greenlight.Core.Targets;
using Greenlight.Providers.Targets.Process;
using Greenlight.Providers.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Providers.Tests.Targets.Process;

/// <summary>A controller that dies between spawning a revision and recording it leaves a process only its launch id names.</summary>
public sealed class LocalProcessTargetLaunchTests
{
    [Fact]
    public async Task StartAsync_SameLaunchAfterAControllerDiedAtSpawn_LeavesExactlyTheNewProcess()
    {
        await using var scope = new RevisionScope();
        var spec = scope.Shop("2.0") with { LaunchId = Guid.NewGuid().ToString("N") };
        var orphan = await SpawnAndDieAsync(spec);

        var handle = await scope.StartAsync(spec);

        Assert.NotEqual(orphan.Pid, handle.Pid);
        Assert.Equal([handle.Pid], MarkedProcesses.Find("GREENLIGHT_LAUNCH_ID", spec.LaunchId!));
        Assert.Equal(spec.LaunchId, handle.LaunchId);
    }

    [Fact]
    public async Task StopAsync_HandleWhosePidWasNeverRecorded_StopsTheProcessOfItsLaunch()
    {
        await using var scope = new RevisionScope();
        var spec = scope.Shop("2.0") with { LaunchId = Guid.NewGuid().ToString("N") };
        await SpawnAndDieAsync(spec);
        // Just spawned, it goes through execve twice (setsid, then sh, then the shop), and shows no environment while inside
        // one: wait for the shop itself, which execs no further.
        while (MarkedProcesses.Find("GREENLIGHT_LAUNCH_ID", spec.LaunchId!) is not [var pid] || Command(pid) is null or "setsid" or "sh")
            await Task.Delay(20, scope.Cancellation);
        Assert.Single(MarkedProcesses.Find("GREENLIGHT_LAUNCH_ID", spec.LaunchId!));

        await scope.Target.StopAsync(new RevisionHandle(spec.App, spec.Version, 0, 0, 0, spec.LogFile, spec.LaunchId), TimeSpan.FromSeconds(5), scope.Cancellation);

        Assert.Empty(MarkedProcesses.Find("GREENLIGHT_LAUNCH_ID", spec.LaunchId!));
        Assert.Empty(scope.Leftovers());
    }

    [Fact]
    public async Task StartAsync_AnotherLaunchOfTheSameVersion_IsLeftRunning()
    {
        await using var scope = new RevisionScope();
        var first = await scope.StartAsync(scope.Shop("2.0") with { LaunchId = Guid.NewGuid().ToString("N") });

        var second = await scope.StartAsync(scope.Shop("2.0") with { LaunchId = Guid.NewGuid().ToString("N") });

        Assert.True(scope.Target.IsRunning(first));
        Assert.True(scope.Target.IsRunning(second));
    }

    /// <summary>Starts the launch on a target of its own whose caller never returns from recording it: nothing of
    /// that start runs again, as if its controller had been killed right after the spawn.</summary>
    private static async Task<RevisionHandle> SpawnAndDieAsync(RevisionSpec spec)
    {
        var spawned = new TaskCompletionSource<RevisionHandle>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = RevisionScope.NewTarget().StartAsync(spec, handle =>
        {
            spawned.SetResult(handle);
            return new TaskCompletionSource().Task;
        }, CancellationToken.None);
        return await spawned.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static string? Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").TrimEnd('\n');
        }
        catch (IOException)
        {
            return null; // gone meanwhile
        }
    }
}
