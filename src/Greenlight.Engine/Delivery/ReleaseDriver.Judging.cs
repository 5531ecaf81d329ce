using Greenlight.Core.Analysis;
using Greenlight.Core.Delivery;
using Greenlight.Core.Traffic;

namespace Greenlight.Engine.Delivery;

internal sealed partial class ReleaseDriver
{
    /// <summary>
    /// Bake and soak: until <paramref name="until"/>, the new revision's error rate in each region, counted from now, is
    /// judged against the previous revision's over its life before the flip (the same region's, as the edge counted it),
    /// with the sequential error-rate judge canaries use. Returns the first failing verdict with its numbers, or null.
    /// </summary>
    private async Task<string?> JudgeLiveAsync(string environment, IReadOnlyList<string> regions, DateTimeOffset until, CancellationToken ct)
    {
        var watched = new List<Watched>();
        foreach (var region in regions)
        {
            if (!State.Rollouts.TryGetValue(Lanes.Key(environment, region), out var id) || await ctx.Lane(environment, region).GetRolloutAsync(id, ct) is not { } rollout)
                continue;
            var lane = ctx.Lane(environment, region);
            var traffic = await lane.TrafficAsync(ct);
            // A first release has nothing to be compared with: only a synthetic-check failure or a dead revision fails it.
            if (rollout.Stable is not { } previous || !traffic.TryGetValue(previous, out var before))
                continue;
            watched.Add(new Watched(region, lane, rollout.RevisionName, previous, Sample(before), Sample(traffic.GetValueOrDefault(rollout.RevisionName)),
                Judges.Create(Judges.ErrorRate)));
        }
        while (ctx.Time.GetUtcNow() < until)
        {
            foreach (var w in watched)
            {
                var now = Sample((await w.Lane.TrafficAsync(ct)).GetValueOrDefault(w.Revision)).Since(w.Start);
                var result = w.Judge.Judge(now, w.Previous);
                if (result.Verdict == Verdict.Fail)
                    return $"{environment}/{w.Region}: error rate of {w.Revision} since the bake began, against {w.PreviousName} before the flip: {result.Summary}";
            }
            var left = until - ctx.Time.GetUtcNow();
            await Task.Delay(left < ctx.JudgeEvery ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : ctx.JudgeEvery, ctx.Time, ct);
        }
        return null;
    }

    private static RevisionSample Sample(RevisionTraffic? t) => RevisionSample.Counts(t?.Requests ?? 0, (t?.ServerErrors ?? 0) + (t?.TransportErrors ?? 0));

    private sealed record Watched(string Region, Control.ReleaseController Lane, string Revision, string PreviousName, RevisionSample Previous, RevisionSample Start, IJudge Judge);
}
