using Greenlight.Core.Analysis;
using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Rollouts;
using Greenlight.Providers.Metrics;

namespace Greenlight.Engine.Analysis;

/// <summary>
/// Carries out a canary analysis step: every interval, each metric measures canary and stable and its
/// judge gives a verdict. One Fail ends it (rollback); all Pass ends it (next step). Provider failures
/// count toward a limit and then fail safe; running out of time while inconclusive fails safe too.
/// Each look is one <see cref="AnalysisVerdict"/>: `status` shows the latest, the log every change and the one
/// that decided, and the rollout keeps the deciding one.
/// </summary>
internal sealed class AnalysisRunner(ReleaseContext ctx)
{
    /// <summary>Verdicts go to the log when they change, and at least every this many looks.</summary>
    private const int LogEvery = 10;

    public async Task<Observation> RunAsync(Rollout rollout, Effect.RunAnalysis step, CancellationToken ct)
    {
        try
        {
            return await JudgeUntilVerdictAsync(rollout, step, ct);
        }
        finally
        {
            // The live verdict is for `status` while the step runs; afterwards the rollout keeps the one that decided.
            ctx.LatestAnalysis.TryRemove(rollout.Id, out _);
        }
    }

    private async Task<Observation> JudgeUntilVerdictAsync(Rollout rollout, Effect.RunAnalysis step, CancellationToken ct)
    {
        var spec = ctx.Manifest.Analysis;
        var metrics = spec.Metrics
            .Select(m => new TrackedMetric(m, MetricProviders.Create(m, ctx.Router, ctx.Http), Judges.Create(m.Judge, m.JudgeOptions)))
            .ToList();
        var started = ctx.Time.GetUtcNow();
        await Log(rollout, $"analysis of {step.Canary} against {step.Stable} started: {string.Join(", ", metrics.Select(m => m.Name))}, at most {DurationText.Format(step.MaxDuration)}"
            + (spec.Warmup > TimeSpan.Zero ? $", after a warm-up of {DurationText.Format(spec.Warmup)}" : ""));
        // The baselines are taken after the warm-up, so what the canary did while cold is never judged.
        await Task.Delay(spec.Warmup, ctx.Time, ct);
        for (var look = 1; ; look++)
        {
            var previous = metrics.Select(m => m.Last?.Verdict).ToList();
            var failedSafe = await LookAsync(metrics, step, spec.MaxProviderErrors, ct);
            var elapsed = ctx.Time.GetUtcNow() - started;
            var outcome = Outcome(metrics, failedSafe);
            if (outcome == Verdict.Inconclusive && elapsed >= step.MaxDuration)
                (outcome, failedSafe) = (Verdict.Fail, $"inconclusive after {DurationText.Format(step.MaxDuration)}");
            var verdict = new AnalysisVerdict(outcome, look, step.Canary, step.Stable, DurationText.Round(elapsed), step.MaxDuration,
                [.. metrics.Select(m => m.Verdict)], failedSafe).MapText(text => ctx.Secrets.Apply(text)!);
            ctx.LatestAnalysis[rollout.Id] = verdict;
            // The look that decides is logged as well: a stream that stopped at the last change would miss the final Pass.
            if (outcome != Verdict.Inconclusive || look % LogEvery == 0 || !metrics.Select(m => m.Last?.Verdict).SequenceEqual(previous))
                await Log(rollout, $"look {look}: {verdict.Summary}");
            switch (outcome)
            {
                case Verdict.Pass:
                    return new Observation.AnalysisPassed(verdict);
                case Verdict.Fail:
                    return new Observation.AnalysisFailed(verdict);
            }
            await Task.Delay(spec.Interval, ctx.Time, ct);
        }
    }

    /// <summary>Measures and judges each metric; stops at the first Fail. Returns why the analysis fails safe, if it must.</summary>
    private async Task<string?> LookAsync(List<TrackedMetric> metrics, Effect.RunAnalysis step, int maxProviderErrors, CancellationToken ct)
    {
        foreach (var metric in metrics)
        {
            if ((await metric.LookAsync(ctx.App, step.Canary, step.Stable, ct))?.Verdict == Verdict.Fail)
                return null;
            if (metric.ConsecutiveErrors >= maxProviderErrors)
                return $"{metric.Name}: the provider failed {metric.ConsecutiveErrors} times in a row: {metric.LastError}";
        }
        return null;
    }

    private static Verdict Outcome(List<TrackedMetric> metrics, string? failedSafe) =>
        failedSafe is not null || metrics.Any(m => m.Last?.Verdict == Verdict.Fail) ? Verdict.Fail
        : metrics.All(m => m.Last?.Verdict == Verdict.Pass) ? Verdict.Pass
        : Verdict.Inconclusive;

    private Task Log(Rollout rollout, string message) => ctx.Store.AppendEventAsync(rollout.Id, message, null, CancellationToken.None);
}
