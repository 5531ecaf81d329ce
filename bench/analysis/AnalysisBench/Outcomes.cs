namespace AnalysisBench;

/// <summary>
/// The decisions of one method over all trials of a scenario. Quantiles count a trial that never rolled
/// back as infinitely slow, so a median is null (never) when fewer than half the trials detected anything.
/// </summary>
internal sealed class Outcomes(IReadOnlyList<Decision> decisions)
{
    public int Trials => decisions.Count;

    public double RollbackRate => Rate(d => d.RolledBack);

    public double Rate(Func<Decision, bool> predicate) => (double)decisions.Count(predicate) / decisions.Count;

    public double? SecondsToRollback(double q) => Quantile(d => d.Second, q);

    public double? CanaryRequestsToRollback(double q) => Quantile(d => d.CanaryRequests, q);

    /// <summary>Median seconds to a promotion, over the trials that were promoted.</summary>
    public double? SecondsToPromote()
    {
        var promoted = decisions.Where(d => !d.RolledBack).Select(d => (double)d.Second).Order().ToList();
        return promoted.Count == 0 ? null : promoted[(promoted.Count - 1) / 2];
    }

    private double? Quantile(Func<Decision, double> value, double q)
    {
        var sorted = decisions.Select(d => d.RolledBack ? value(d) : double.PositiveInfinity).Order().ToList();
        var x = sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return double.IsPositiveInfinity(x) ? null : x;
    }
}

/// <summary>A scenario's outcomes for each method, keyed by the method's name.</summary>
internal sealed record ScenarioResult(Scenario Scenario, Dictionary<string, Outcomes> ByMethod);
