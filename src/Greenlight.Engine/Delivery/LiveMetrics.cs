using Greenlight.Core.Analysis;
using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Analysis;
using Greenlight.Engine.Control;

namespace Greenlight.Engine.Delivery;

/// <summary>
/// The metrics of a region's <c>analysis</c> judged during a bake or soak from their own providers, with the providers
/// and judges of canary analysis. A <c>threshold</c> metric holds the new revision's numbers since the watch began to its
/// bounds. A comparative metric (<c>errorRate</c>, <c>latency</c>) needs the previous revision's numbers up to the flip:
/// the edge's are <see cref="LiveComparison"/>'s; a provider with history (Prometheus) reads them as the source had them
/// at the flip; one without (<c>http</c>) cannot, and the metric is left out, said in the watch's first event.
/// As in canary analysis, <c>maxProviderErrors</c> failures in a row fail the watch, and a metric still not passing when
/// the watch ends fails it: what could not be judged is never taken for good.
/// </summary>
internal sealed class LiveMetrics
{
    private readonly List<Watched> _judged;
    private readonly int _maxProviderErrors;
    private readonly DateTimeOffset _judgeFrom;
    private readonly TimeProvider _time;

    private LiveMetrics(List<Watched> judged, IReadOnlyList<string> plan, int maxProviderErrors, DateTimeOffset judgeFrom, TimeProvider time) =>
        (_judged, Plan, _maxProviderErrors, _judgeFrom, _time) = (judged, plan, maxProviderErrors, judgeFrom, time);

    /// <summary>What is judged how, and what is not and why, a phrase per metric.</summary>
    public IReadOnlyList<string> Plan { get; }

    public static LiveMetrics For(AnalysisSpec analysis, ReleaseController lane, Rollout rollout, TimeProvider time)
    {
        var (judged, plan) = (new List<Watched>(), new List<string>());
        foreach (var metric in analysis.Metrics)
        {
            var what = $"{metric.Name} ({metric.Judge}, {metric.Provider.ToString().ToLowerInvariant()})";
            if (metric.Judge == Judges.Threshold)
            {
                judged.Add(new Watched(Track(metric, lane.MetricProviderOf(metric), metric.JudgeOptions), _ => Task.FromResult(NoPrevious), null));
                plan.Add($"{what} against its bounds");
            }
            else if (metric.Provider == MetricProviderKind.Edge)
                continue; // LiveComparison's
            else if (rollout is not { Stable: { } previous, FlippedAt: { } flip })
                plan.Add($"{what} not judged: no previous revision to compare with");
            else if (lane.MetricProviderOf(metric) is { } provider && provider is IMetricHistory history)
            {
                // The judge's own warm-up compares both revisions window by window while both serve; the previous one no
                // longer serves, so it is off (analysis.warmup leaves out the new revision's first seconds instead).
                var options = metric.Judge == Judges.Latency ? new Dictionary<string, string>(metric.JudgeOptions) { ["maxWarmupRequests"] = "0" } : metric.JudgeOptions;
                judged.Add(new Watched(Track(metric, provider, options), ct => history.MeasureAtAsync(lane.App, previous, flip, ct), previous));
                plan.Add($"{what} against {previous} as the provider had it at the flip");
            }
            else
                plan.Add($"{what} NOT JUDGED: the {metric.Provider.ToString().ToLowerInvariant()} provider cannot read {previous} as it was before the flip (only its threshold metrics are judged in a bake or soak)");
        }
        return new LiveMetrics(judged, plan, analysis.MaxProviderErrors, time.GetUtcNow() + analysis.Warmup, time);

        static TrackedMetric Track(MetricSpec metric, IMetricProvider provider, IReadOnlyDictionary<string, string> options) =>
            new(metric, provider, Judges.Create(metric.Judge, options));
    }

    /// <summary>Why a metric fails the new revision now, naming it and <paramref name="what"/> ("bake", "soak"); or null.</summary>
    public async Task<string?> LookAsync(string app, string revision, string what, CancellationToken ct)
    {
        if (_time.GetUtcNow() < _judgeFrom)
            return null; // analysis.warmup: the new revision's first moments are not judged, as in canary analysis
        foreach (var (metric, against, previous) in _judged)
        {
            if ((await metric.LookAsync(app, revision, against, ct))?.Verdict == Verdict.Fail)
                return $"metric {metric.Name} of {revision} since the {what} began{Versus(previous)}: {metric.Last!.Summary}";
            if (metric.ConsecutiveErrors >= _maxProviderErrors)
                return $"metric {metric.Name}: the provider failed {metric.ConsecutiveErrors} times in a row: {metric.LastError}";
        }
        return null;
    }

    /// <summary>At the end of the watch: why a metric that never came to pass fails it (canary analysis fails an
    /// analysis still inconclusive when its time runs out), or null when every judged metric passes.</summary>
    public string? Unsettled(string revision, string what) =>
        _judged.FirstOrDefault(w => w.Metric.Last?.Verdict != Verdict.Pass) is { } open
            ? $"metric {open.Metric.Name} of {revision} still inconclusive at the end of the {what}{Versus(open.Previous)}: {open.Metric.Verdict.Summary}"
            : null;

    private static string Versus(string? previous) => previous is null ? "" : $", against {previous} at the flip";

    /// <summary>A threshold does not consult the previous revision.</summary>
    private static readonly RevisionSample NoPrevious = new(null, null, null, null);

    private sealed record Watched(TrackedMetric Metric, Func<CancellationToken, Task<RevisionSample>> Against, string? Previous);
}
