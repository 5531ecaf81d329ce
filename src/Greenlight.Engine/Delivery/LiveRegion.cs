using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Control;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Delivery;

/// <summary>
/// One region watched during a bake or a soak. At each look: its new revision still runs (the very process found when
/// the watch began), it is not shown worse than the previous revision on the edge's numbers (<see cref="LiveComparison"/>,
/// when the region had one that its edge counted), nor by the metrics of its analysis (<see cref="LiveMetrics"/>), and the
/// synthetic checks pass through the region's edge. The first failure is the reason, naming the region.
/// </summary>
internal sealed class LiveRegion
{
    private readonly string _key, _revision, _what;
    private readonly ReleaseController _lane;
    private readonly AppManifest _view;
    private readonly IReadOnlyList<RevisionRecord> _started;
    private readonly LiveComparison? _comparison;
    private readonly LiveMetrics _metrics;

    private LiveRegion(string key, ReleaseController lane, AppManifest view, string revision, string what, IReadOnlyList<RevisionRecord> started, LiveComparison? comparison, LiveMetrics metrics) =>
        (_key, _lane, _view, _revision, _what, _started, _comparison, _metrics) = (key, lane, view, revision, what, started, comparison, metrics);

    /// <param name="view">The release's manifest as this region runs it: its checks and analysis are the environment's.</param>
    /// <param name="what">"bake" or "soak", for the reasons.</param>
    public static async Task<LiveRegion> StartAsync(string key, ReleaseController lane, AppManifest view, Rollout rollout, string what, TimeProvider time, CancellationToken ct)
    {
        var started = await lane.RunningRevisionAsync(rollout.RevisionName, ct);
        var traffic = await lane.TrafficAsync(ct);
        // A first release, or a previous revision the edge no longer routes, has nothing to be compared with.
        var comparison = rollout.Stable is { } previous && traffic.TryGetValue(previous, out var before)
            ? new LiveComparison(previous, before, traffic.GetValueOrDefault(rollout.RevisionName), view.Analysis)
            : null;
        return new LiveRegion(key, lane, view, rollout.RevisionName, what, started, comparison, LiveMetrics.For(view.Analysis, lane, rollout, time));
    }

    /// <summary>What the watch judges in this region, for its first event.</summary>
    public string Plan =>
        $"{_key} judges {_revision}: still running; "
        + (_comparison is null ? "the edge's numbers not compared (no previous revision counted by its edge)" : "the edge's error rate (and latency when the analysis has it) against the previous revision before the flip")
        + string.Concat(_metrics.Plan.Select(p => $"; {p}"))
        + (_view.Checks.Count > 0 ? "; synthetic checks through its edge" : "");

    /// <summary>Why the region fails now, or null.</summary>
    public async Task<string?> LookAsync(CancellationToken ct)
    {
        if (_started.Count == 0)
            return $"{_key}: revision {_revision} is not running";
        // An instance started again beside the others keeps the revision serving; none of its processes left running is
        // a revision that died (or was replaced by a repair).
        var now = await _lane.RunningRevisionAsync(_revision, ct);
        if (!now.Any(n => _started.Any(s => s.Pid == n.Pid && s.StartTime == n.StartTime)))
            return $"{_key}: revision {_revision} (pid {string.Join(", ", _started.Select(s => s.Pid))}) stopped running during the {_what}";
        if (_comparison?.Judge(_revision, (await _lane.TrafficAsync(ct)).GetValueOrDefault(_revision), _what) is { } worse)
            return $"{_key}: {worse}";
        if (await _metrics.LookAsync(_lane.App, _revision, _what, ct) is { } failing)
            return $"{_key}: {_lane.Masked(failing)}";
        return await _lane.FailingChecksAsync(_view, ct) is { } failed ? $"{_key}: synthetic checks failed through the edge: {failed}" : null;
    }

    /// <summary>At the end of the watch: why a metric that never passed fails the region, or null.</summary>
    public string? Unsettled() => _metrics.Unsettled(_revision, _what) is { } open ? $"{_key}: {_lane.Masked(open)}" : null;
}
