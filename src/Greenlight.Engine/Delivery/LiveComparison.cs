using System.Globalization;
using Greenlight.Core.Analysis;
using Greenlight.Core.Manifest;
using Greenlight.Core.Traffic;

namespace Greenlight.Engine.Delivery;

/// <summary>
/// A region's new revision against its previous one during a bake or soak, as the region's edge counts them: the new
/// revision since the watch began, the previous one over its life before the flip (after the flip it serves nothing).
/// The judges are the canary analysis's: <c>errorRate</c> always, <c>latency</c> when the environment's analysis judges
/// the edge's latency (its default analysis does), each with the options of the environment's edge metric of that judge
/// (a metric of another provider is judged on its own numbers, by <see cref="LiveMetrics"/>).
/// </summary>
internal sealed class LiveComparison
{
    private readonly string _previous;
    private readonly RevisionSample _before;
    private readonly RevisionSample? _start;
    private readonly IJudge _errorRate;
    private readonly IJudge? _latency;
    private readonly (long Requests, long Looks) _window;
    private RevisionSample? _warm;
    private long _looks;

    /// <param name="start">The new revision's counters when the watch began; null when its edge had not counted it yet.</param>
    public LiveComparison(string previous, RevisionTraffic before, RevisionTraffic? start, AnalysisSpec analysis)
    {
        (_previous, _before, _start) = (previous, RevisionSample.Of(before), start is null ? null : RevisionSample.Of(start));
        _errorRate = Judges.Create(Judges.ErrorRate, OptionsOf(analysis, Judges.ErrorRate) ?? new Dictionary<string, string>());
        if (OptionsOf(analysis, Judges.Latency) is not { } latency)
            return;
        // The judge's own warm-up compares both revisions window by window while both serve; here the previous one no
        // longer serves, so the new revision's first window is left out instead (see Warm).
        _latency = Judges.Create(Judges.Latency, new Dictionary<string, string>(latency) { ["maxWarmupRequests"] = "0" });
        var defaults = new LatencyJudgeOptions();
        _window = Whole(latency, "maxWarmupRequests") == 0 ? (0, 0)
            : (Whole(latency, "warmupWindow") ?? defaults.WarmupWindow, Whole(latency, "warmupLooks") ?? defaults.WarmupLooks);
    }

    /// <summary>Why the new revision is shown worse, naming the metric and <paramref name="what"/> ("bake", "soak"); or null.</summary>
    public string? Judge(string revision, RevisionTraffic? traffic, string what)
    {
        var now = RevisionSample.Of(traffic);
        var since = _start is null ? now : now.Since(_start);
        if (_errorRate.Judge(since, _before) is { Verdict: Verdict.Fail } errors)
            return Reason("error rate", errors);
        if (_latency is not null && Warm(now) is { } warm && _latency.Judge(now.Since(warm), _before) is { Verdict: Verdict.Fail } slower)
            return Reason("latency", slower);
        return null;

        string Reason(string metric, JudgeResult result) =>
            $"{metric} of {revision} since the {what} began, against {_previous} before the flip: {result.Summary}";
    }

    /// <summary>
    /// The new revision's latency counts from the end of its first window of the watch, at least the metric's
    /// <c>warmupWindow</c> requests over <c>warmupLooks</c> looks (none with <c>maxWarmupRequests: 0</c>): a switch sends a revision traffic it has not yet
    /// served (code not yet compiled, caches cold), and that slow start must not read as a slower revision.
    /// </summary>
    private RevisionSample? Warm(RevisionSample now)
    {
        if (_warm is not null)
            return _warm;
        if (++_looks >= _window.Looks && (_start is null ? now : now.Since(_start)).Latency?.Count >= _window.Requests)
            _warm = now;
        return null;
    }

    private static IReadOnlyDictionary<string, string>? OptionsOf(AnalysisSpec analysis, string judge) =>
        analysis.Metrics.FirstOrDefault(m => m.Judge == judge && m.Provider == MetricProviderKind.Edge)?.JudgeOptions;

    private static long? Whole(IReadOnlyDictionary<string, string> options, string key) =>
        options.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;
}
