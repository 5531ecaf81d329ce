using System.Globalization;

namespace Greenlight.Providers.Metrics;

/// <summary>
/// Runs one call to a metric source with a time limit and turns every way it can fail into a
/// <see cref="MetricUnavailableException"/> that names the source. Cancellation by the caller passes through.
/// </summary>
internal static class BoundedCall
{
    /// <summary>Analysis looks every second or so: a source slower than this is a failed look, not a stalled analysis.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    public static async Task<T> RunAsync<T>(string source, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            return await call(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MetricUnavailableException(string.Create(CultureInfo.InvariantCulture, $"{source}: no answer within {Limit.TotalSeconds:0}s"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever broke (network, JSON, the data itself), the analysis needs one kind of failure to count.
            throw new MetricUnavailableException($"{source}: {e.Message}", e);
        }
    }
}
