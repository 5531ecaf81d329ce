using Greenlight.Providers.Traffic.Edge;

namespace Greenlight.Server.Edge;

/// <summary>Watching the edge: its process every poll, its health endpoint every second.</summary>
public sealed partial class EdgeWatch
{
    /// <returns>How the edge ended.</returns>
    private async Task<string> WatchAsync(RunningEdge edge, CancellationToken ct)
    {
        var misses = 0;
        var nextProbe = _time.GetUtcNow() + HealthEvery;
        Task<bool>? probe = null;
        while (true)
        {
            await Task.Delay(Poll, _time, ct);
            // Looked at every poll, a health check in flight or not: a check of an edge that just died can take its whole
            // timeout, and without a standby every millisecond until the death is noticed is one more without an edge.
            if (!edge.IsAlive)
                return edge.Death;
            KeepStandby();
            if (probe is null && _time.GetUtcNow() >= nextProbe)
            {
                nextProbe = _time.GetUtcNow() + HealthEvery;
                probe = AnswersAsync(edge.Connection, HealthTimeout, ct);
            }
            if (probe is not { IsCompleted: true })
                continue;
            var answered = await probe;
            probe = null;
            if (answered)
                misses = 0;
            else if (++misses == HealthMisses)
            {
                await KillAsync(edge, ct);
                return $"did not answer {HealthMisses} health checks in a row and was killed";
            }
            else
                LogHealthMissed(edge.Connection.Pid, misses, HealthMisses);
        }
    }

    private async Task<bool> AnswersAsync(EdgeConnection edge, TimeSpan timeout, CancellationToken ct)
    {
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(ct);
        probe.CancelAfter(timeout);
        try
        {
            return await edge.IsReachableAsync(probe.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task KillAsync(RunningEdge edge, CancellationToken ct)
    {
        try
        {
            using var process = edge.Process is null ? System.Diagnostics.Process.GetProcessById(edge.Connection.Pid) : null;
            (edge.Process ?? process)!.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Gone meanwhile.
        }
        // Its lock on the state directory goes with it; a successor started earlier would be refused.
        while (edge.IsAlive)
            await Task.Delay(Poll, _time, ct);
    }
}
