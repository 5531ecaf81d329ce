namespace AnalysisBench;

/// <summary>
/// A Kayenta-style fixed-horizon comparison: at the end of each 5-minute window, a Mann-Whitney U test of the
/// canary's per-request outcomes (error 0/1) and latencies against stable's in that window. Kayenta's judge
/// uses a 98% two-sided confidence level and fails a metric that is high, which is a one-sided test at 0.01;
/// its extra effect-size tolerance is left out, which only makes this peer quicker. Rollback when either
/// metric is significantly higher in a window; promotion after the last window.
/// </summary>
internal sealed class MannWhitneyWatcher : IWatcher
{
    private const int WindowSeconds = 300;
    private const double Alpha = 0.01;

    public Decision? Look(int second, RevisionTraffic canary, RevisionTraffic stable)
    {
        if (second % WindowSeconds != 0) return null;
        var errors = MannWhitney.PValueGreater(canary.WindowErrors, stable.WindowErrors);
        var latency = MannWhitney.PValueGreater(canary.WindowLatencies, stable.WindowLatencies);
        canary.ClearWindow();
        stable.ClearWindow();
        if (Math.Min(errors, latency) < Alpha) return new Decision(true, errors < Alpha ? "errors" : "latency", second, canary.Requests);
        return second >= World.MaxSeconds ? new Decision(false, "end", second, canary.Requests) : null;
    }
}
