namespace Greenlight.Core.Analysis.Sequential;

/// <summary>
/// Trials and events of both revisions, cumulative since the analysis began: requests and errors, or
/// requests and slow requests. Events may be fractional when they come from interpolated histogram buckets.
/// </summary>
internal readonly record struct RateCounts(double CanaryTrials, double CanaryEvents, double StableTrials, double StableEvents)
{
    public double CanaryRate => CanaryEvents / CanaryTrials;

    public double StableRate => StableEvents / StableTrials;

    /// <summary>The canary's share of events if both revisions had the same rate: its share of the traffic.</summary>
    public double NullShare => CanaryTrials / (CanaryTrials + StableTrials);

    public double Events => CanaryEvents + StableEvents;

    /// <summary>
    /// How many times more variable the events are than independent ones would be (1: independent). The
    /// evidence is weighed on the events divided by it, as a quasi-likelihood does; the request counts that
    /// gate a verdict (minimum and maximum sample) are not.
    /// </summary>
    public double Dispersion { get; init; } = 1;
}
