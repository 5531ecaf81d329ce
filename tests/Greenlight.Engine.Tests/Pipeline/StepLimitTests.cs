using System.Diagnostics;
using Greenlight.Core.Manifest;
using Greenlight.Core.Pipelines;
using Greenlight.Engine.Pipeline;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Tests.Pipeline;

/// <summary>
/// Nothing a step does holds the pipeline: a FIFO in the tree, a check blocked where cancellation cannot reach,
/// a runner that throws, a process killed in the middle of a run. Runs are awaited with a deadline, so that a
/// regression fails here instead of hanging the suite.
/// </summary>
public sealed class StepLimitTests
{
    private static readonly CancellationToken Ct = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(300);

    private const string Quick = "    - name: build\n      steps:\n        - {name: compile, run: \"true\"}\n";

    [Fact]
    public async Task FifoInTheWorkingTree_EveryCheckFinishesAndSaysItSkippedIt()
    {
        using var w = new PipelineWorkspace();
        w.Fifo("src/pipe");
        w.Fifo("deploy/web.yaml");
        w.Fifo("web/package-lock.json");
        w.Write("deploy/README.md", "the manifests\n");
        Directory.CreateDirectory(Path.Combine(w.Root, "osv"));

        var run = await w.RunAsync("""
                - name: scan
                  steps:
                    - {name: secrets, check: secrets, timeout: 30s}
                    - {name: infra, check: iac, path: deploy, timeout: 30s}
                    - {name: deps, check: dependencies, osv: osv, timeout: 30s}
            """, Ct).WaitAsync(Deadline, Ct);

        Assert.Equal(PipelineStatus.Passed, run.Status);
        Assert.Contains("skipped src/pipe: not a regular file", await File.ReadAllTextAsync(run.Steps[0].Log, Ct));
        Assert.Contains("skipped web.yaml: not a regular file", await File.ReadAllTextAsync(run.Steps[1].Log, Ct));
        Assert.Contains("skipped web/package-lock.json: not a regular file", await File.ReadAllTextAsync(run.Steps[2].Log, Ct));
    }

    [Fact]
    public async Task CheckBlockedOpeningAFifo_FailsAtItsTimeoutNamingIt_AndTheNextRunTakesTheLock()
    {
        using var w = new PipelineWorkspace();
        // The OSV database is read where the step is told: a FIFO there blocks the read itself, in open(2).
        var fifo = w.Fifo("osv.zip");
        var service = w.Service("    - name: scan\n      steps:\n        - {name: deps, check: dependencies, osv: osv.zip, timeout: 1s}\n", Grace);
        var clock = Stopwatch.StartNew();

        var run = await service.RunAsync(PipelineService.NewRunId(), null, w, Ct).WaitAsync(Deadline, Ct);

        Assert.Equal(StepStatus.Failed, run.Steps[0].Status);
        Assert.Equal("timed out after 1s (step timeout)", run.Steps[0].Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        var next = await w.Service(Quick).RunAsync(PipelineService.NewRunId(), null, w, Ct).WaitAsync(Deadline, Ct);
        Assert.Equal(PipelineStatus.Passed, next.Status);
        Unblock(fifo);
    }

    [Fact]
    public async Task CheckIgnoringAbort_IsLeftBehindAfterTheGrace_AndTheRunIsRecordedStopped()
    {
        using var w = new PipelineWorkspace();
        using var blocking = new BlockingCheck();
        var service = w.Service("    - name: scan\n      steps:\n        - {name: secrets, check: secrets}\n        - {name: later, run: \"true\"}\n", Grace, blocking);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = service.RunAsync("pl-abort001", null, w, abort.Token);
        await blocking.Entered.WaitAsync(Deadline, Ct);

        await abort.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Deadline, Ct));
        var stored = await service.GetAsync("pl-abort001", Ct);
        Assert.Equal(PipelineStatus.Failed, stored!.Status);
        Assert.Equal([StepStatus.Failed, StepStatus.Skipped], stored.Steps.Select(s => s.Status));
        Assert.StartsWith("stopped before it finished", stored.Steps[0].Reason);
        var next = await w.Service(Quick).RunAsync(PipelineService.NewRunId(), null, w, Ct).WaitAsync(Deadline, Ct);
        Assert.Equal(PipelineStatus.Passed, next.Status);
    }

    [Theory]
    [InlineData("bug")]
    [InlineData("cancelled inside")]
    [InlineData("thrown before any task")]
    public async Task RunnerThatThrows_FailsItsStepWithTheMessage_AndTheRunEnds(string how)
    {
        using var w = new PipelineWorkspace();
        var service = w.Service("    - name: scan\n      steps:\n        - {name: secrets, check: secrets}\n        - {name: later, run: \"true\"}\n", Grace, new ThrowingCheck(how));

        var run = await service.RunAsync(PipelineService.NewRunId(), null, w, Ct).WaitAsync(Deadline, Ct);

        Assert.Equal(PipelineStatus.Failed, run.Status);
        Assert.Equal([StepStatus.Failed, StepStatus.Skipped], run.Steps.Select(s => s.Status));
        Assert.Equal($"parser bug: {how}", run.Steps[0].Reason);
        Assert.Contains($"error: parser bug: {how}", await File.ReadAllTextAsync(run.Steps[0].Log, Ct));
    }

    [Fact]
    public async Task RunLeftRunningByADeadProcess_IsFailedAtTheNextStart_ButALiveRunIsNot()
    {
        using var w = new PipelineWorkspace();
        var store = new SqliteStateStore(Path.Combine(w.StateDirectory, "state.db"), TimeProvider.System);
        // What a controller killed mid-step leaves behind: the run and its step recorded as running, no lock held.
        var step = new StepResult("build", "compile", "command", StepStatus.Running, 0, null, null, [], "compile.log", null);
        await store.SavePipelineRunAsync(new PipelineRun("pl-dead0001", "shop", "1.0", null, "d", PipelineStatus.Running,
            DateTimeOffset.UtcNow, null, [step, step with { Step = "test", Status = StepStatus.Pending }]), Ct);
        using var blocking = new BlockingCheck();
        var live = w.Service("    - name: scan\n      steps:\n        - {name: secrets, check: secrets}\n", Grace, blocking);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = live.RunAsync("pl-live0001", null, w, stop.Token);
        await blocking.Entered.WaitAsync(Deadline, Ct);

        await w.Service(Quick).FailAbandonedRunsAsync(Ct);

        var dead = await store.GetPipelineRunAsync("pl-dead0001", Ct);
        Assert.Equal(PipelineStatus.Failed, dead!.Status);
        Assert.Equal([StepStatus.Failed, StepStatus.Skipped], dead.Steps.Select(s => s.Status));
        Assert.StartsWith("stopped before it finished: the process running it ended", dead.Steps[0].Reason);
        Assert.Equal(PipelineStatus.Running, (await store.GetPipelineRunAsync("pl-live0001", Ct))!.Status);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Deadline, Ct));
    }

    /// <summary>Opens the FIFO at both ends and closes it: a reader blocked in open(2) gets end-of-file and goes.</summary>
    private static void Unblock(string fifo)
    {
        using var both = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite);
    }

    /// <summary>A check that blocks where no cancellation reaches it, until the test ends.</summary>
    private sealed class BlockingCheck : IStepRunner, IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Kind => "secrets";

        public Task Entered => _entered.Task;

        public Task<StepOutcome> RunAsync(PipelineStep step, StepContext context, CancellationToken ct) => Task.Run(() =>
        {
            _entered.TrySetResult();
            _release.Wait();
            return new StepOutcome(true, null, []);
        });

        public void Dispose() => _release.Set();
    }

    private sealed class ThrowingCheck(string how) : IStepRunner
    {
        public string Kind => "secrets";

        public Task<StepOutcome> RunAsync(PipelineStep step, StepContext context, CancellationToken ct) => how switch
        {
            "thrown before any task" => throw new InvalidOperationException($"parser bug: {how}"),
            "cancelled inside" => Task.FromException<StepOutcome>(new OperationCanceledException($"parser bug: {how}")),
            _ => Task.Run(new Func<StepOutcome>(() => throw new NullReferenceException($"parser bug: {how}"))),
        };
    }
}
