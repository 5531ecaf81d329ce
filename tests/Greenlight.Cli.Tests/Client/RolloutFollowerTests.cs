using Greenlight.Cli.Client;
using Greenlight.Core.Pipelines;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.State;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Greenlight.Cli.Tests.Client;

/// <summary>How `deploy` prints a gated release: each step's output right before that step's result line.</summary>
public sealed class RolloutFollowerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Follow_PipelineAlreadyOverAtTheFirstLook_PrintsEachStepsOutputBeforeItsResult()
    {
        var source = new RecordedRelease();
        var console = new TestConsole();

        await new RolloutFollower(source, console, TimeProvider.System).FollowAsync("rl-1", RolloutFollower.Serving, CancellationToken.None);

        var lines = console.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        Assert.Equal(
            ["release of 2.0 requested", "compile │ compiling", "compile │ done", "pipeline step build/compile passed",
             "unit │ 12 tests passed", "pipeline step test/unit passed", "Gating -> Queued"],
            lines.Select(l => l.Contains("  ", StringComparison.Ordinal) ? l[(l.IndexOf("  ", StringComparison.Ordinal) + 2)..] : l));
    }

    /// <summary>A release whose two-step pipeline ended before anyone looked.</summary>
    private sealed class RecordedRelease : IRolloutSource
    {
        private static readonly string[] Messages =
            ["release of 2.0 requested", "pipeline step build/compile passed", "pipeline step test/unit passed", "Gating -> Queued"];

        private readonly Dictionary<int, string> _logs = new() { [1] = "compiling\ndone\n", [2] = "12 tests passed\n" };

        public Task<Rollout> GetAsync(string id, CancellationToken ct) =>
            Task.FromResult(Rollout.Create(id, "shop", "2.0", "1.0", TimeSpan.Zero, T0) with { Phase = RolloutPhase.Warm, PipelineRunId = "pl-1" });

        public Task<IReadOnlyList<RolloutEvent>> EventsAsync(string id, long afterId, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<RolloutEvent>>(Messages.Select((m, i) => new RolloutEvent(i + 1, id, T0, m, null)).Where(e => e.Id > afterId).ToList());

        public Task<PipelineRun?> PipelineAsync(string runId, CancellationToken ct) => Task.FromResult<PipelineRun?>(new PipelineRun(
            runId, "shop", "2.0", null, "d", PipelineStatus.Passed, T0, T0,
            [Step("build", "compile"), Step("test", "unit")]));

        public Task<(string Text, long Next)> PipelineLogAsync(string runId, int step, long offset, CancellationToken ct) =>
            Task.FromResult(offset == 0 ? (_logs[step], (long)_logs[step].Length) : ("", offset));

        private static StepResult Step(string stage, string name) =>
            new(stage, name, "command", StepStatus.Passed, 1, 0, null, [], $"/logs/{name}.log", null);
    }
}
