using System.Diagnostics;
using Greenlight.Core.Targets;
using Greenlight.Providers.Targets.Process;
using Greenlight.Providers.Tests.Support;

namespace Greenlight.Providers.Tests.Targets.Process;

public sealed class LocalProcessTargetStartTests
{
    [Fact]
    public async Task StartAsync_HealthyShop_ServesItsVersionFromOwnSessionAndLogsToFile()
    {
        await using var scope = new RevisionScope();

        var handle = await scope.StartAsync(scope.Shop("2.0"));

        Assert.True(scope.Target.IsRunning(handle));
        using var response = await TestHttp.Client.GetAsync(handle.BaseAddress, scope.Cancellation);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("2.0", Assert.Single(response.Headers.GetValues("X-Shop-Version")));
        // The pid is the shop itself (setsid did not fork), leading a session of its own.
        Assert.Contains("Shop.dll", await File.ReadAllTextAsync($"/proc/{handle.Pid}/cmdline", scope.Cancellation));
        Assert.Equal(handle.Pid, ProcStat.Read(handle.Pid)?.SessionId);
        Assert.Contains($"shop 2.0 listening on http://127.0.0.1:{handle.Port}", await File.ReadAllTextAsync(handle.LogFile, scope.Cancellation));
    }

    [Fact]
    public async Task StartAsync_ReleaseWithFailingHealth_ThrowsWith503AndLeavesNoProcess()
    {
        await using var scope = new RevisionScope();
        // Long enough for the shop to start listening on a loaded machine: its answer, not its start-up, is what fails.
        var spec = scope.Shop("2.1") with { HealthTimeout = TimeSpan.FromSeconds(15) };

        var error = await Assert.ThrowsAsync<RevisionStartException>(() => scope.StartAsync(spec));

        Assert.Contains("health check GET /health answered 503 for 15s", error.Message);
        Assert.Empty(scope.Leftovers());
    }

    [Fact]
    public async Task StartAsync_CommandExitingAtOnce_FailsFastWithExitCodeAndLogTail()
    {
        await using var scope = new RevisionScope();
        var spec = scope.Shell("echo 'cannot open database' >&2; exit 2") with { HealthTimeout = TimeSpan.FromSeconds(60) };
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RevisionStartException>(() => scope.StartAsync(spec));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Contains("process exited with code 2 before becoming healthy", error.Message);
        Assert.EndsWith("cannot open database", error.Message);
    }

    [Fact]
    public async Task StartAsync_MissingWorkingDirectory_ThrowsNamingIt()
    {
        await using var scope = new RevisionScope();
        var missing = Path.Combine(scope.Directory, "missing");

        var error = await Assert.ThrowsAsync<RevisionStartException>(
            () => scope.StartAsync(scope.Shop("2.0") with { WorkingDirectory = missing }));

        Assert.Equal($"shop 2.0: working directory {missing} does not exist", error.Message);
    }

    [Fact]
    public async Task StartAsync_CancelledWhileWaitingForHealth_StopsTheRevision()
    {
        await using var scope = new RevisionScope();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(scope.Cancellation);
        var starting = scope.Target.StartAsync(scope.Shop("2.1"), scope.OnLaunched, cancel.Token);

        while (scope.Leftovers().Count == 0)
        {
            await Task.Delay(10, scope.Cancellation);
        }

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starting);
        Assert.Empty(scope.Leftovers());
    }

    [Fact]
    public async Task StartAsync_UnhealthyRevision_ReportsItsHandleBeforeTheHealthWaitEnds()
    {
        await using var scope = new RevisionScope();

        await Assert.ThrowsAsync<RevisionStartException>(() => scope.StartAsync(scope.Shop("2.1")));

        var launched = Assert.Single(scope.Launched);
        Assert.Equal("2.1", launched.Version);
        Assert.True(launched.Pid > 0);
        Assert.False(scope.Target.IsRunning(launched));
    }
}
