namespace Greenlight.Core.Analysis;

/// <summary>
/// How bursty stable's slow requests are, look by look: the Pearson dispersion of its per-look counts above the
/// line against a constant rate (Poisson), max(1, X² / (looks − 1)). Independent requests give about 1. A process
/// that stalls (descheduled on a busy machine, collecting garbage, growing its thread pool) makes dozens of requests
/// slow at once, and counted one by one such a burst looks like strong evidence; the latency judge weighs its
/// counts divided by this factor, the quasi-likelihood correction for overdispersed counts. Stable has served
/// since before the analysis, so its bursts are the machine's, and a canary's are taken to be alike.
/// </summary>
/// <remarks>
/// Each look's count is taken at the line of that look, so the sums are kept in O(1):
/// X² = Σ (e − n·r)² / (n·r) = Σ(e²/n) / r − Σe with r = Σe / Σn.
/// </remarks>
internal sealed class TailDispersion
{
    private LatencyHistogram? _previous;
    private double _squares, _events, _requests;
    private int _looks;

    /// <summary>Takes stable's look (cumulative since the analysis began) with the current line in seconds; gives the factor.</summary>
    public double Observe(LatencyHistogram stable, double line)
    {
        if ((_previous is null ? stable : stable.Since(_previous)) is { Count: > 0 } look)
        {
            var slow = HistogramMath.CountAbove(look, line);
            (_squares, _events, _requests, _looks) = (_squares + slow * slow / look.Count, _events + slow, _requests + look.Count, _looks + 1);
        }

        _previous = stable;
        if (_looks < 2 || _events <= 0) return 1;
        var pearson = _squares * _requests / _events - _events;
        return Math.Max(1, pearson / (_looks - 1));
    }
}
