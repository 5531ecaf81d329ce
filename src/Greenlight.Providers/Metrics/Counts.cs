namespace Greenlight.Providers.Metrics;

/// <summary>Reads numbers a source reported as request or error counts.</summary>
internal static class Counts
{
    /// <summary>
    /// Rounds to a whole count: Prometheus counters are floats, and <c>increase()</c> extrapolates to
    /// fractions. NaN, infinities and negatives mean a broken query and are refused, never zeroed.
    /// </summary>
    public static long FromNumber(double value, string what) =>
        double.IsFinite(value) && value >= 0 && value < long.MaxValue
            ? (long)Math.Round(value, MidpointRounding.AwayFromZero)
            : throw new InvalidDataException($"{what} is {value}, not a count");
}
