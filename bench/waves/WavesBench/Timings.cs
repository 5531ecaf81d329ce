using Greenlight.Core.Delivery;
using Greenlight.Engine.Delivery;
using Greenlight.Engine.State;

namespace WavesBench;

/// <summary>
/// What the controller's own records say a release cost: its release events (one per transition, timestamped when
/// stored) and each region's rollout events (the health wait carries its duration).
/// </summary>
internal static partial class Timings
{
    /// <summary>Per region: from the release's "rollout starts" to its "rollout Completed", minus the health wait of the
    /// new revision. Per release: first to last release event, minus the bakes as configured and, per wave, the longest
    /// health wait of its regions (regions of a wave run in parallel).</summary>
    /// <param name="steps">When given, where the regions' overhead went: the time before each event, by event.</param>
    public static async Task<(List<double> Regions, List<double> Releases)> OverheadAsync(Fleet fleet, IReadOnlyList<Release> releases, TimeSpan bake,
        Dictionary<string, double>? steps, CancellationToken ct)
    {
        var regions = new List<double>();
        var overall = new List<double>();
        foreach (var release in releases)
        {
            if (release.Phase != ReleasePhase.Completed)
                throw new InvalidOperationException($"release {release.Id} of {release.App} {release.Version} ended {release.Phase}: {release.Reason}");
            var events = await fleet.EventsAsync(release, release.Id, ct);
            var excluded = TimeSpan.Zero;
            foreach (var stage in release.Stages)
            {
                foreach (var wave in stage.Regions.GroupBy(r => r.Wave))
                {
                    var longest = TimeSpan.Zero;
                    foreach (var region in wave)
                    {
                        var key = Lanes.Key(stage.Environment, region.Name);
                        var health = await HealthWaitAsync(fleet, release, release.Rollouts[key], ct);
                        var (from, to) = (At(events, $"{key}: rollout starts"), At(events, $"{key}: rollout {RegionPhase.Completed}"));
                        regions.Add((to - from - health).TotalMilliseconds);
                        if (steps is not null)
                            await StepsAsync(fleet, release, key, events, from, to, steps, ct);
                        longest = health > longest ? health : longest;
                    }
                    excluded += longest;
                }
                excluded += bake * events.Count(e => e.Message.StartsWith($"{stage.Environment}: ", StringComparison.Ordinal) && e.Message.Contains("serves the new version; bakes", StringComparison.Ordinal));
            }
            overall.Add((events[^1].At - events[0].At - excluded).TotalMilliseconds);
        }
        return (regions, overall);
    }

    /// <summary>From the failing verdict (the stage's "rolling back" record) to the last region back on the previous revision.</summary>
    public static async Task<List<(Release Release, double Ms, int Regions)>> RollbacksAsync(Fleet fleet, IReadOnlyList<Release> releases, CancellationToken ct)
    {
        var rollbacks = new List<(Release, double, int)>();
        foreach (var release in releases)
        {
            if (release.Phase != ReleasePhase.RolledBack)
                throw new InvalidOperationException($"the faulty release {release.Id} of {release.App} ended {release.Phase}, not rolled back: {release.Reason}");
            var events = await fleet.EventsAsync(release, release.Id, ct);
            var verdict = events.FirstOrDefault(e => e.Message.Contains(": rolling back ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"the faulty release {release.Id} of {release.App} rolled back with no failing verdict recorded: {release.Reason}");
            var back = events.Where(e => e.Message.EndsWith(": back on the previous revision", StringComparison.Ordinal)).ToList();
            if (back.Count == 0)
                throw new InvalidOperationException($"release {release.Id} of {release.App} records no region back on the previous revision");
            rollbacks.Add((release, (back[^1].At - verdict.At).TotalMilliseconds, back.Count));
            if (Environment.GetEnvironmentVariable("WAVES_TRACE") is not null)
            {
                var lane = await fleet.EventsAsync(release, release.Rollouts["staging/r1"], ct);
                foreach (var e in events.Concat(lane).Where(e => e.At >= verdict.At.AddMilliseconds(-50) && e.At <= back[^1].At).OrderBy(e => e.At))
                    Console.Error.WriteLine($"TRACE {(e.At - verdict.At).TotalMilliseconds,8:0.0} {e.Message}");
            }
        }
        return rollbacks;
    }

    /// <summary>The region's release events and its rollout's events in one timeline; the time before each event (its
    /// own duration taken off the health wait) is added to that event's kind, ids and numbers left out.</summary>
    private static async Task StepsAsync(Fleet fleet, Release release, string key, IReadOnlyList<RolloutEvent> events, DateTimeOffset from, DateTimeOffset to,
        Dictionary<string, double> steps, CancellationToken ct)
    {
        var rollout = await fleet.EventsAsync(release, release.Rollouts[key], ct);
        var timeline = events.Where(e => e.Message.StartsWith(key + ":", StringComparison.Ordinal)).Select(e => (e.At, Kind: "release: " + e.Message[(key.Length + 2)..], Own: 0.0))
            .Concat(rollout.Select(e => (e.At, Kind: "rollout: " + e.Message, Own: e.Message.Contains(" healthy on port ", StringComparison.Ordinal) ? e.DurationMs ?? 0 : 0)))
            .Where(e => e.At >= from && e.At <= to).OrderBy(e => e.At).ToList();
        for (var i = 1; i < timeline.Count; i++)
        {
            var kind = Kind().Replace(timeline[i].Kind, "#");
            steps[kind] = steps.GetValueOrDefault(kind) + Math.Max(0, (timeline[i].At - timeline[i - 1].At).TotalMilliseconds - timeline[i].Own);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(r[ls]-[0-9a-f]+|\d+(\.\d+)*)\b|\(wave [^)]*\)|(?<=manifest )[0-9a-f]+ \([^)]*\)")]
    private static partial System.Text.RegularExpressions.Regex Kind();

    private static async Task<TimeSpan> HealthWaitAsync(Fleet fleet, Release release, string rollout, CancellationToken ct)
    {
        var healthy = (await fleet.EventsAsync(release, rollout, ct)).SingleOrDefault(e => e.Message.Contains(" healthy on port ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"rollout {rollout} of {release.App} records no healthy revision");
        return TimeSpan.FromMilliseconds(healthy.DurationMs ?? throw new InvalidOperationException($"rollout {rollout}: the health wait carries no duration"));
    }

    private static DateTimeOffset At(IReadOnlyList<RolloutEvent> events, string message) =>
        events.FirstOrDefault(e => e.Message.StartsWith(message, StringComparison.Ordinal))?.At
            ?? throw new InvalidOperationException($"no release event \"{message}\"");

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
