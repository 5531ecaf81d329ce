using Greenlight.Core.Analysis;

namespace AnalysisBench.Live;

/// <summary>
/// The judges as they were before the latency warm-up and margin (<see cref="GreenlightWatcher.Plain"/>), looking
/// once a second at the same canary from the edge's own counters while the controller runs the real analysis:
/// what the old judges would have decided on the very same live traffic.
/// </summary>
/// <param name="options">The options both judges are given in the controller's analysis.</param>
internal sealed class ShadowAnalysis(Greenlight.Core.Traffic.ITrafficRouter router, string app, IReadOnlyDictionary<string, string> options)
{
    private readonly IJudge[] _judges =
    [
        Judges.Create(Judges.ErrorRate, options),
        Judges.Create(Judges.Latency, new Dictionary<string, string>(options.Concat(GreenlightWatcher.Plain))),
    ];

    /// <summary>"Fail: …" at the first Fail, "Pass" once every judge passed, "undecided" when stopped before either.</summary>
    public async Task<string> WatchAsync(string canary, string stable, CancellationToken stop)
    {
        (RevisionSample Canary, RevisionSample Stable)? baseline = null;
        try
        {
            for (; ; await Task.Delay(TimeSpan.FromSeconds(1), stop))
            {
                var traffic = await router.GetTrafficAsync(app, stop);
                if (!traffic.TryGetValue(canary, out var c) || !traffic.TryGetValue(stable, out var s) || c.Requests == 0) continue;
                var (canaryNow, stableNow) = (Sample(c), Sample(s));
                baseline ??= (canaryNow, stableNow);
                var results = _judges.Select(j => (j.Name, Result: j.Judge(canaryNow.Since(baseline.Value.Canary), stableNow.Since(baseline.Value.Stable)))).ToList();
                if (results.FirstOrDefault(r => r.Result.Verdict == Verdict.Fail) is { Name: not null } failed)
                    return $"Fail: {failed.Name}: {failed.Result.Summary}";
                if (results.All(r => r.Result.Verdict == Verdict.Pass)) return "Pass";
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return "undecided";
        }
    }

    private static RevisionSample Sample(Greenlight.Core.Traffic.RevisionTraffic t) => new(t.Requests, t.ServerErrors + t.TransportErrors, t.Latency, null);
}
