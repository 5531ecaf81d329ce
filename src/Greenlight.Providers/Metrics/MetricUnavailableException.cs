namespace Greenlight.Providers.Metrics;

/// <summary>
/// A metric source failed or answered something unusable (unreachable, too slow, no data, NaN, an
/// unexpected shape). The analysis counts it as a provider error; it is never read as zero.
/// </summary>
public sealed class MetricUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
