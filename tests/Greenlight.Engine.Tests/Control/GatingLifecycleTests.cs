using Greenlight.Core.Manifest;
using Greenlight.Core.Pipelines;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Tests.Support;

namespace Greenlight.Engine.Tests.Control;

/// <summary>A release in its pipeline: aborted, or its controller restarted, with a step that waits for the test.</summary>
public sealed class GatingLifecycleTests : IDisposable
{
    private readonly string _app = Directory.CreateTempSubdirectory("greenlight-gating-").FullName;

    /// <summary>One step that notes each start in <c>starts</c>, then waits until the test creates the file <c>go</c>.</summary>
    private AppManifest Gated(AppManifest m) => m with
    {
        Pipeline = new PipelineSpec([new PipelineStage("test", [new PipelineStep("wait", TimeSpan.FromMinutes(1), _app,
            new CommandAction(null, "echo started >> starts; while [ ! -f go ]; do sleep 0.05; done; echo done", new Dictionary<string, string>(), []))])]),
    };

    [Fact]
    public async Task Abort_WhileThePipelineRuns_StopsTheStepAndEndsTheReleaseWithNothingStarted()
    {
        await using var h = await ReleaseHarness.StartAsync(Gated);
        var release = await h.Controller.DeployAsync(new("1.0"), h.Cancellation);
        await Until(() => Starts() == 1, h.Cancellation);

        await h.Controller.AbortAsync(null, h.Cancellation);

        var ended = await h.Controller.WaitAsync(release.Id, r => r.IsTerminal, h.Cancellation);
        Assert.Equal(RolloutPhase.Failed, ended.Phase);
        Assert.Equal("aborted: aborted by user", ended.Reason);
        var run = await h.Controller.Pipelines.GetAsync(ended.PipelineRunId!, h.Cancellation);
        Assert.Equal(PipelineStatus.Failed, run!.Status);
        Assert.Empty(h.RunningRevisions());
    }

    [Fact]
    public async Task ControllerRestartedWhileThePipelineRuns_RunsItAgainAndReleases()
    {
        await using var h = await ReleaseHarness.StartAsync(Gated);
        var release = await h.Controller.DeployAsync(new("1.0"), h.Cancellation);
        await Until(() => Starts() == 1, h.Cancellation);

        await h.RestartControllerAsync();
        await Until(() => Starts() == 2, h.Cancellation);
        await File.WriteAllTextAsync(Path.Combine(_app, "go"), "", h.Cancellation);

        var released = await h.Controller.WaitAsync(release.Id, r => r.IsSettled, h.Cancellation);
        Assert.Equal(RolloutPhase.Completed, released.Phase);
        var run = await h.Controller.Pipelines.GetAsync(released.PipelineRunId!, h.Cancellation);
        Assert.Equal(PipelineStatus.Passed, run!.Status);
        Assert.Equal(2, Starts());
        Assert.Contains("done", await File.ReadAllTextAsync(run.Steps[0].Log, h.Cancellation));
    }

    private int Starts() => File.Exists(Path.Combine(_app, "starts")) ? File.ReadAllLines(Path.Combine(_app, "starts")).Length : 0;

    private static async Task Until(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
            await Task.Delay(20, ct);
    }

    public void Dispose()
    {
        try { Directory.Delete(_app, recursive: true); } catch (IOException) { }
    }
}
