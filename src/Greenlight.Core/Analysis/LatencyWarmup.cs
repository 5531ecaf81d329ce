namespace Greenlight.Core.Analysis;

/// <summary>
/// Finds the end of a canary's start-up transient (JIT, cold caches, a thread pool still growing) in its latency
/// relative to stable's: both revisions' requests are cut into the same windows, closed once the canary served
/// <see cref="LatencyJudgeOptions.WarmupWindow"/> requests over at least <see cref="LatencyJudgeOptions.WarmupLooks"/>
/// looks (a slow decline is invisible between two windows of one second each), and the canary is warm once two windows in a row give
/// the same canary/stable ratio of medians and of p90s, within <see cref="LatencyJudgeOptions.WarmupTolerance"/>
/// either way; at the latest after <see cref="LatencyJudgeOptions.MaxWarmupRequests"/>. Dividing by stable's
/// latency of the same window removes what the machine does to both (a busy neighbour, a load spike); a canary
/// that is slower and stays slower is warm as soon as two windows agree: only its own drift is waited out.
/// </summary>
/// <remarks>
/// The judge counts both revisions from the moment the canary is found warm, so the sequential test starts
/// afresh on requests the decision never saw, and its error bounds hold as if it had started then. Keeping the
/// two agreeing windows instead saved 10 s of detection in bench/analysis but let a cold start's tail in often
/// enough to roll back 8% of cold healthy canaries: two windows agree by chance while still cooling down.
/// A real canary does not only get faster: on a busy machine the shop's got slower for its first seconds under
/// traffic (its queue building up while cold) before it got faster, hence a comparison both ways.
/// </remarks>
internal sealed class LatencyWarmup(LatencyJudgeOptions options)
{
    private (LatencyHistogram Canary, LatencyHistogram Stable)? _windowStart;
    private (double Median, double P90)? _previous;
    private int _looks;

    /// <summary>Both revisions' histograms when the canary was found warm; null while it warms up.</summary>
    public (LatencyHistogram Canary, LatencyHistogram Stable)? Baseline { get; private set; }

    /// <summary>How the warm-up ended, for the verdict's summary; empty while it lasts.</summary>
    public string Outcome { get; private set; } = "";

    /// <summary>Why the canary is still warming up; null once it is warm, and from then on.</summary>
    public string? Observe(LatencyHistogram canary, LatencyHistogram stable)
    {
        if (Baseline is not null) return null;
        var (canaryWindow, stableWindow) = _windowStart is var (c, s) ? (canary.Since(c), stable.Since(s)) : (canary, stable);
        if (canaryWindow is null || stableWindow is null)
        {
            (_windowStart, _previous, _looks) = ((canary, stable), null, 0);
            return "warming up: latency counts went backwards (a counter reset?), starting the warm-up over";
        }

        if (++_looks >= options.WarmupLooks && canaryWindow.Count >= options.WarmupWindow)
        {
            _looks = 0;
            var before = _previous;
            (_windowStart, _previous) = ((canary, stable), Ratios(canaryWindow, stableWindow));
            if (before is { } b && _previous is { } n && Agree(b.Median, n.Median) && Agree(b.P90, n.P90))
                return End(canary, stable, $"warm after {canary.Count} canary requests: {Drift(b, n)}");
            if (canary.Count < options.MaxWarmupRequests)
                return "warming up: " + (before is { } d && _previous is { } m ? $"still drifting, {Drift(d, m)}" : "a first window measured");
        }

        return canary.Count >= options.MaxWarmupRequests
            ? End(canary, stable, $"warm-up ended at its maximum of {options.MaxWarmupRequests} canary requests")
            : $"warming up: {canary.Count} canary requests so far, {canaryWindow.Count} in this window (at least {options.WarmupWindow} over {options.WarmupLooks} looks)";
    }

    /// <summary>The canary's median and p90 as multiples of stable's in the same window; null when one is beyond the buckets.</summary>
    private static (double Median, double P90)? Ratios(LatencyHistogram canary, LatencyHistogram stable) =>
        (canary.Quantile(0.5), stable.Quantile(0.5), canary.Quantile(0.9), stable.Quantile(0.9)) is (double cm, > 0 and double sm, double c9, > 0 and double s9)
            ? (cm / sm, c9 / s9)
            : null;

    private bool Agree(double before, double now) =>
        before <= now * (1 + options.WarmupTolerance) && now <= before * (1 + options.WarmupTolerance);

    private string? End(LatencyHistogram canary, LatencyHistogram stable, string outcome)
    {
        (Baseline, Outcome) = ((canary, stable), outcome);
        return null;
    }

    private static string Drift((double Median, double P90) before, (double Median, double P90) now) =>
        $"canary/stable median {Format(before.Median)} then {Format(now.Median)}, p90 {Format(before.P90)} then {Format(now.P90)}";

    private static string Format(double ratio) => ratio.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "x";
}
