using System.Diagnostics;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Delivery;
using Greenlight.Engine.Delivery;
using Spectre.Console;

namespace Greenlight.Cli.Demo.Waves;

/// <summary>
/// The script of `demo --waves`, played under load through every region's edge: 1.0 everywhere; a faulty 2.2 caught by
/// the one-box's bake and rolled back there before the next wave starts; 2.0 baking and completing everywhere; then a
/// serving revision killed in eu-west, reported as drift and started again.
/// </summary>
internal sealed class WavesScenario(AppDelivery delivery, WavesManifest manifest, IReadOnlyDictionary<string, LoadGenerator> loads, IAnsiConsole? console)
{
    private const string Faulty = "2.2";
    private const string OneBox = "production/one-box";
    // Each release takes 5 to 20 s here; far beyond that something is stuck, and the demo says what.
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(3);
    private readonly List<DemoStep> _steps = [];
    private const string Killed = "production/eu-west";

    public async Task<WavesSummary> PlayAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await ReleaseAsync("release 1.0 everywhere (first release)", "1.0", "0s", Expect(ReleasePhase.Completed, RegionPhase.Completed, RegionPhase.Completed), ct);
        foreach (var load in loads.Values)
            load.Start();
        await WaitServedAsync(loads.Keys, "1.0", ct);

        // A bake of 20 s in production: 2.2 answers 5% of requests with 500, which its live error rate shows within about a second.
        var faulty = await ReleaseAsync($"release {Faulty} (5% errors): caught by the one-box's bake", Faulty, "20s",
            Expect(ReleasePhase.RolledBack, RegionPhase.RolledBack, RegionPhase.Pending), ct);
        var bakeRollbackMs = await BakeRollbackMsAsync(faulty, ct);
        await WaitServedAsync([OneBox], "1.0", ct);

        await ReleaseAsync("release 2.0: bakes and completes in every region", "2.0", "3s",
            Expect(ReleasePhase.Completed, RegionPhase.Completed, RegionPhase.Completed), ct);
        await WaitServedAsync(loads.Keys, "2.0", ct);

        Heading("a serving revision killed in eu-west: drift found and healed");
        var drift = await new WavesDrift(delivery.Lanes[Killed], loads[Killed], console).KillAndHealAsync(ct);
        _steps.Add(drift.Step);
        await WaitServedAsync([Killed], "2.0", ct);
        foreach (var load in loads.Values)
            await load.StopAsync();

        var regions = loads.Select(l => Region(l.Key, l.Value, l.Key == Killed ? drift.LostToKill : 0)).ToList();
        var failures = loads.SelectMany(l => l.Value.Failures.Where(f => !f.EndsWith($"from {Faulty}", StringComparison.Ordinal)).Select(f => $"{l.Key}: {f}"));
        return new WavesSummary(regions.Sum(r => r.Requests), regions.Sum(r => r.FailedRequests), regions.Sum(r => r.FaultyErrors), drift.LostToKill,
            bakeRollbackMs, drift.HealMs, watch.Elapsed.TotalSeconds, regions, _steps, [.. failures]);
    }

    private static RegionLoad Region(string key, LoadGenerator load, long killed)
    {
        var faulty = load.FailedBy(Faulty);
        return new RegionLoad(key, load.Requests, load.Failed - faulty - killed, faulty, killed, new Dictionary<string, long>(load.ByVersion));
    }

    /// <summary>What a release should end as: its phase, staging's region, the one-box, then eu-west and us-east.</summary>
    private static string Expect(ReleasePhase phase, RegionPhase oneBox, RegionPhase secondWave) =>
        $"{phase}; staging/local {RegionPhase.Completed}, {OneBox} {oneBox}, production/eu-west {secondWave}, production/us-east {secondWave}";

    private static string Outcome(Release r) =>
        $"{r.Phase}; " + string.Join(", ", r.Stages.SelectMany(s => s.Regions.Select(g => $"{s.Environment}/{g.Name} {g.Phase}")));

    /// <summary>Releases <paramref name="version"/> with the production bake given, printing it as `deploy` does.</summary>
    private async Task<Release> ReleaseAsync(string name, string version, string bake, string expected, CancellationToken ct)
    {
        Heading(name);
        var watch = Stopwatch.StartNew();
        var snapshot = await manifest.WriteAsync(bake, ct);
        var release = await delivery.DeployAsync(snapshot, version, hotfix: false, environment: null, ct);
        console?.MarkupLine($"[bold]{Render.Esc(release.App)}[/] {Render.Esc(version)} — release {release.Id} into {Render.Esc(release.Entry)}, production bake {bake}");
        var final = await FollowAsync(release, ct);
        if (console is not null)
        {
            ReleaseRender.Matrix(console, final);
            console.MarkupLine(ReleaseRender.Outcome(final));
        }
        var outcome = Outcome(final);
        var ok = outcome == expected;
        _steps.Add(new DemoStep(name, expected, outcome, final.Reason ?? final.StageOf("production")?.BakeVerdict, ok, watch.Elapsed.TotalSeconds));
        console?.MarkupLine(ok ? "  [green]as expected[/]" : $"  [red]expected {Render.Esc(expected)}[/]");
        return final;
    }

    /// <summary>Follows the release to its end; a release still going after <see cref="StepLimit"/> stops the demo, saying so.</summary>
    private async Task<Release> FollowAsync(Release release, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(StepLimit);
        try
        {
            return await new ReleaseFollower(new DeliverySource(delivery), console).FollowAsync(release.Id, limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var now = await delivery.GetAsync(release.Id, ct);
            var log = (await new DeliverySource(delivery).ReleaseEventsAsync(release.Id, 0, ct)).TakeLast(5).Select(e => e.Message);
            throw new CliException(ExitCodes.Error, $"demo: release {release.Id} of {release.Version} did not end within {StepLimit.TotalMinutes} minutes " +
                $"(the demo's limit for one release); it is {(now is null ? "unknown" : Outcome(now))}; its log ends:\n  {string.Join("\n  ", log)}");
        }
    }

    /// <returns>From the release recording the bake's failing verdict to the one-box's edge confirming the swap back, in ms.</returns>
    private async Task<double> BakeRollbackMsAsync(Release release, CancellationToken ct)
    {
        var lane = delivery.Lanes[OneBox];
        var verdict = (await lane.GetEventsAsync(release.Id, 0, ct)).FirstOrDefault(e => e.Message.StartsWith("production: rolling back one-box: bake", StringComparison.Ordinal));
        if (verdict is null || !release.Rollouts.TryGetValue(OneBox, out var rollout))
            return double.NaN;
        var swapped = (await lane.GetEventsAsync(rollout, 0, ct)).FirstOrDefault(e => e.At >= verdict.At && e.Message.StartsWith("traffic ", StringComparison.Ordinal));
        return swapped is null ? double.NaN : (swapped.At - verdict.At).TotalMilliseconds;
    }

    /// <summary>Users see the version: wait until each region's load has been answered by it a few times.</summary>
    private async Task WaitServedAsync(IEnumerable<string> regions, string version, CancellationToken ct)
    {
        foreach (var region in regions)
        {
            var load = loads[region];
            var seen = load.ServedBy(version);
            await load.WaitForAsync(l => l.ServedBy(version) >= seen + 20, TimeSpan.FromSeconds(10), ct);
        }
    }

    private void Heading(string name)
    {
        if (console is not null)
            Render.Heading(console, name);
    }
}
