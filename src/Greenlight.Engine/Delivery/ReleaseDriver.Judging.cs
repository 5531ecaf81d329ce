using Greenlight.Core.Delivery;

namespace Greenlight.Engine.Delivery;

internal sealed partial class ReleaseDriver
{
    /// <summary>
    /// Bake and soak: until <paramref name="until"/>, every <see cref="DeliveryContext.JudgeEvery"/>, each region's new
    /// revision is looked at as <see cref="LiveRegion"/> says (still running, synthetic checks through the region's edge,
    /// the edge's error rate and latency against the previous revision before the flip, the analysis's own metrics).
    /// Returns the first failure, or, at the end, the first metric that never passed; or null. The first event says what
    /// each region is judged on, and what it is not.
    /// </summary>
    /// <param name="what">"bake" or "soak", for the reasons.</param>
    private async Task<string?> JudgeLiveAsync(string environment, IReadOnlyList<string> regions, DateTimeOffset until, string what, CancellationToken ct)
    {
        var watched = new List<LiveRegion>();
        foreach (var region in regions)
        {
            var key = Lanes.Key(environment, region);
            var lane = ctx.Lane(environment, region);
            if (State.Rollouts.TryGetValue(key, out var id) && await lane.GetRolloutAsync(id, ct) is { } rollout)
                watched.Add(await LiveRegion.StartAsync(key, lane, Lanes.View(ctx.Manifest.Manifest!, environment, region), rollout, what, ctx.Time, ct));
        }
        foreach (var region in watched)
            await LogAsync($"{what}: {region.Plan}");
        while (ctx.Time.GetUtcNow() < until)
        {
            // Regions are looked at side by side: checks through one region's edge do not hold up another's.
            var looks = await Task.WhenAll(watched.Select(w => w.LookAsync(ct)));
            if (looks.FirstOrDefault(failure => failure is not null) is { } failed)
                return failed;
            var left = until - ctx.Time.GetUtcNow();
            await Task.Delay(left < ctx.JudgeEvery ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : ctx.JudgeEvery, ctx.Time, ct);
        }
        return watched.Select(w => w.Unsettled()).FirstOrDefault(open => open is not null);
    }
}
