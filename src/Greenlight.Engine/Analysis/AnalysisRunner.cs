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
            // The live verdict is for `status` while the step runs; afterwards the rollout's log says how it ended.
            ctx.LatestAnalysis.TryRemove(rollout.Id, out _);
        }
    }

    private async Task<Observation> JudgeUntilVerdictAsync(Rollout rollout, Effect.RunAnalysis step, CancellationToken ct)
    {
        var spec = ctx.Manifest.Analysis;
        var metrics = spec.Metrics
            .Select(m => new TrackedMetric(m, MetricProviders.Create(m, ctx.Router, ctx.Http), Judges.Create(m.Judge, m.JudgeOptions)))
            .ToList();
        var deadline = ctx.Time.GetUtcNow() + step.MaxDuration;
        var limit = DurationText.Format(step.MaxDuration);
        await Log(rollout, $"analysis of {step.Canary} against {step.Stable} started: {string.Join(", ", metrics.Select(m => m.Name))}, at most {limit}"
            + (spec.Warmup > TimeSpan.Zero ? $", after a warm-up of {DurationText.Format(spec.Warmup)}" : ""));
        // The baselines are taken after the warm-up, so what the canary did while cold is never judged.
        await Task.Delay(spec.Warmup, ctx.Time, ct);
        for (var look = 1; ; look++)
        {
            var previous = metrics.Select(m => m.Last?.Verdict).ToList();
            foreach (var metric in metrics)
            {
                var result = await metric.LookAsync(ctx.App, step.Canary, step.Stable, ct);
                if (result?.Verdict == Verdict.Fail)
                    return new Observation.EffectFailed($"analysis failed: {metric.Name}: {result.Summary}");
                if (metric.ConsecutiveErrors >= spec.MaxProviderErrors)
                    return new Observation.EffectFailed(
                        $"analysis failed safe: {metric.Name}: the provider failed {metric.ConsecutiveErrors} times in a row: {metric.LastError}");
            }
            ctx.LatestAnalysis[rollout.Id] = $"look {look}: {Summary(metrics)}";
            if (metrics.All(m => m.Last?.Verdict == Verdict.Pass))
                return new Observation.AnalysisPassed(Summary(metrics));
            if (look % LogEvery == 0 || !metrics.Select(m => m.Last?.Verdict).SequenceEqual(previous))
                await Log(rollout, $"look {look}: {Summary(metrics)}");
            if (ctx.Time.GetUtcNow() >= deadline)
                return new Observation.EffectFailed($"analysis inconclusive after {limit}, failing safe: {Summary(metrics)}");
            await Task.Delay(spec.Interval, ctx.Time, ct);
        }
    }

    private static string Summary(IEnumerable<TrackedMetric> metrics) =>
        string.Join("; ", metrics.Select(m => m.Last is { } r ? $"{m.Name} {r.Verdict}: {r.Summary}" : $"{m.Name}: no data yet ({m.LastError ?? "waiting"})"));

    private Task Log(Rollout rollout, string message) => ctx.Store.AppendEventAsync(rollout.Id, message, null, CancellationToken.None);
}
