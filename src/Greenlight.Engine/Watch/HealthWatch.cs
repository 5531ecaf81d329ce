using Greenlight.Engine.Rollouts;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Watch;

/// <summary>
/// Asks running revisions their health endpoint now and then, and at once when the edge saw transport errors for one.
/// Only several failures in a row make a live process dead: one slow answer on a busy machine must not.
/// </summary>
internal sealed class HealthWatch(ReleaseContext ctx)
{
    public const int FailuresInARow = 3;
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<(string Version, int Pid), State> _states = [];

    /// <returns>Why the revision is dead, or null while it is not known to be.</returns>
    public async Task<string?> CheckAsync(RevisionRecord r, long? transportErrors, CancellationToken ct)
    {
        var key = (r.Version, r.Pid);
        var now = ctx.Time.GetUtcNow();
        var state = _states.GetValueOrDefault(key) ?? new State(0, now + Every, transportErrors ?? 0, null);
        var errorsGrew = transportErrors > state.TransportErrors;
        if (now < state.NextProbe && !errorsGrew)
        {
            _states[key] = state;
            return null;
        }
        var failure = await ProbeAsync(ReleaseContext.HandleOf(r).BaseAddress, ctx.ManifestOf(r).Health.Path, ct);
        state = new State(failure is null ? 0 : state.Failures + 1, now + Every, transportErrors ?? state.TransportErrors, failure);
        _states[key] = state;
        return state.Failures >= FailuresInARow
            ? $"its health endpoint failed {FailuresInARow} times in a row (last: {state.LastFailure})"
            : null;
    }

    /// <summary>Forgets revisions no longer watched.</summary>
    public void Retain(IEnumerable<RevisionRecord> watched)
    {
        var keep = watched.Select(r => (r.Version, r.Pid)).ToHashSet();
        foreach (var key in _states.Keys.Where(k => !keep.Contains(k)).ToList())
            _states.Remove(key);
    }

    private async Task<string?> ProbeAsync(Uri baseAddress, string path, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var response = await ctx.Http.GetAsync(new Uri(baseAddress, path), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.StatusCode == System.Net.HttpStatusCode.OK ? null : $"GET {path} answered {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"GET {path} got no answer within {ProbeTimeout.TotalSeconds:0}s";
        }
        catch (HttpRequestException e)
        {
            return $"GET {path} failed: {e.Message}";
        }
    }

    private sealed record State(int Failures, DateTimeOffset NextProbe, long TransportErrors, string? LastFailure);
}
