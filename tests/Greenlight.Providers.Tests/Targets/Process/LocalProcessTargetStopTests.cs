using Greenlight.Testing;
using System.Diagnostics;
using Greenlight.Core.Targets;
using Greenlight.Providers.Targets.Process;
using Greenlight.Providers.Tests.Support;
using OsProcess = System.Diagnostics.Process;

namespace Greenlight.Providers.Tests.Targets.Process;

public sealed class LocalProcessTargetStopTests
{
    [Fact]
    public async Task StopAsync_RunningShop_EndsWithinGraceAndIsIdempotent()
    {
        await using var scope = new RevisionScope();
        var handle = await scope.StartAsync(scope.Shop("2.0"));
        var clock = Stopwatch.StartNew();

        await scope.Target.StopAsync(handle, TimeSpan.FromSeconds(20), scope.Cancellation);

        // Well inside the grace: the shop honoured SIGTERM, nothing had to be killed.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.False(scope.Target.IsRunning(handle));
        Assert.Empty(scope.Leftovers());
        await scope.Target.StopAsync(handle, TimeSpan.FromSeconds(20), scope.Cancellation);
    }

    [Fact]
    public async Task StopAsync_ProcessIgnoringSigterm_KillsItAfterGrace()
    {
        await using var scope = new RevisionScope();
        using var stubborn = StartIgnoringSigterm(scope);
        // It says "ready" once the trap is set, so SIGTERM cannot arrive before it.
        Assert.Equal("ready", await stubborn.StandardOutput.ReadLineAsync(scope.Cancellation));
        var handle = new RevisionHandle("sh", "1", stubborn.Id, ProcStat.Read(stubborn.Id)!.Value.StartTime, 0, "");
        var grace = TimeSpan.FromSeconds(1);
        var clock = Stopwatch.StartNew();

        await scope.Target.StopAsync(handle, grace, scope.Cancellation);

        Assert.InRange(clock.Elapsed, grace, grace + TimeSpan.FromSeconds(3));
        Assert.False(scope.Target.IsRunning(handle));
        Assert.Empty(scope.Leftovers());
    }

    [Fact]
    public async Task StopAsync_HandleWithOtherStartTime_LeavesTheProcessAlone()
    {
        await using var scope = new RevisionScope();
        var handle = await scope.StartAsync(scope.Shop("2.0"));
        var reused = handle with { StartTime = handle.StartTime + 1 };

        await scope.Target.StopAsync(reused, TimeSpan.FromSeconds(1), scope.Cancellation);

        Assert.False(scope.Target.IsRunning(reused));
        Assert.True(scope.Target.IsRunning(handle));
    }

    [Fact]
    public async Task StopAsync_FromNewTargetInstance_StopsAdoptedRevision()
    {
        await using var scope = new RevisionScope();
        var handle = await scope.StartAsync(scope.Shop("2.0"));
        var restarted = RevisionScope.NewTarget();

        Assert.True(restarted.IsRunning(handle));
        await restarted.StopAsync(handle, TimeSpan.FromSeconds(20), scope.Cancellation);

        Assert.False(restarted.IsRunning(handle));
        Assert.False(scope.Target.IsRunning(handle));
        Assert.Empty(scope.Leftovers());
    }

    /// <summary>A process in its own session that ignores SIGTERM, like a revision with a broken shutdown.
    /// Started here rather than by the target, which would wait for a health endpoint.</summary>
    private static OsProcess StartIgnoringSigterm(RevisionScope scope)
    {
        var start = new ProcessStartInfo("/usr/bin/setsid") { RedirectStandardOutput = true };
        foreach (var argument in (string[])["/bin/sh", "-c", "trap '' TERM; echo ready; exec sleep 60"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[RevisionScope.MarkerVariable] = scope.Marker;
        return OsProcess.Start(start)!;
    }
}
