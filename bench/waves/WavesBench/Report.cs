using System.Globalization;
using System.Text.Json;
using static WavesBench.Timings;

namespace WavesBench;

/// <summary>The table and, as the very last line, the JSON; each target of issue #10 with whether it is met.</summary>
internal sealed class Report(int apps, int regions, int clients, int rate, TimeSpan bake, TimeSpan elapsed)
{
    private const double OverheadTarget = 200, RollbackTarget = 100;

    public required List<double> FirstReleases { get; init; }
    public required List<double> RegionOverhead { get; init; }
    public required List<double> ReleaseOverhead { get; init; }
    public required long GoodRequests { get; init; }
    public required long GoodFailed { get; init; }
    public required long Requests { get; init; }
    public required long Failed { get; init; }
    public required long Planted { get; init; }
    public required IReadOnlyList<string> Failures { get; init; }
    public required List<double> Rollbacks { get; init; }
    public required int RolledBackRegions { get; init; }
    public required int Serving { get; init; }
    public required int Addresses { get; init; }
    public required IReadOnlyList<string> FaultyReasons { get; init; }
    public required Dictionary<string, double> Steps { get; init; }

    /// <summary>The controller process's CPU time over the 2.0 releases, per region release: what it costs, whatever else
    /// the machine runs.</summary>
    public required double CpuPerRegionRelease { get; init; }

    private bool OverheadMet => Percentile(RegionOverhead, 99) < OverheadTarget;
    private bool RollbackMet => Percentile(Rollbacks, 99) < RollbackTarget;
    private bool RequestsMet => Failed == 0 && Serving == Addresses;

    public bool TargetsMet => OverheadMet && RollbackMet && RequestsMet;

    public void Print()
    {
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        Console.WriteLine($"Greenlight waves benchmark: one controller, {apps} apps x 2 environments (staging, production) x 3 regions, waves [[r1], [r2, r3]]");
        Console.WriteLine("Peer: none. Issue #10 names no peer tool for this benchmark; the numbers stand against its targets only.");
        Console.WriteLine($"Setup: {regions} real edge processes (one per environment/region, each app its own listener on it), revisions are real processes of");
        Console.WriteLine($"bench/waves/service.py, blue-green, bake {Format(bake.TotalMilliseconds)} ms per wave, soak 0, {Load} per region edge on 127.0.0.1 (from a process of their own).");
        Console.WriteLine($"Run: 1.0 everywhere, then 2.0 (all {apps} apps at once, under load), then 3.0 (10% errors) caught by the staging wave-1 bake.");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {string.Join(" ", load)}; whole run {elapsed.TotalSeconds:0} s.");
        Console.WriteLine();
        Console.WriteLine($"{"measure",-58} {"p50",8} {"p99",8} {"max",8} {"n",5}  {"target",-10} met");
        Row("overhead per region release of 2.0 (ms)", RegionOverhead, $"< {OverheadTarget:0}", OverheadMet);
        Row("overhead per app release of 2.0, staging to production (ms)", ReleaseOverhead, "(info)", Percentile(ReleaseOverhead, 99) < OverheadTarget);
        Row("overhead per app release of 1.0, first release, no load (ms)", FirstReleases, "(info)", Percentile(FirstReleases, 99) < OverheadTarget);
        Row("wave-1 rollback, failing verdict to last region back (ms)", Rollbacks, $"< {RollbackTarget:0}", RollbackMet);
        Console.WriteLine($"{"failed requests through the edges",-58} {Failed,8} of {Requests} ({GoodFailed} of {GoodRequests} during the 2.0 releases)  {"0",-6} {Yes(Failed == 0)}");
        Console.WriteLine($"{"addresses serving 2.0 after the failed 3.0",-58} {Serving,8} of {Addresses}  {"all",-6} {Yes(Serving == Addresses)}");
        Console.WriteLine($"{"controller CPU per region release of 2.0 (ms)",-58} {Format(CpuPerRegionRelease),8}  (its process's CPU time over the 2.0 releases / {RegionOverhead.Count})");
        Console.WriteLine($"{"planted 500s answered by 3.0 itself (not failures)",-58} {Planted,8}");
        Console.WriteLine($"{"regions rolled back by the failed 3.0 releases",-58} {RolledBackRegions,8}");
        foreach (var failure in Failures)
            Console.WriteLine($"  failed: {failure}");
        foreach (var reason in FaultyReasons)
            Console.WriteLine($"  3.0 stopped because: {reason}");
        Console.WriteLine();
        Console.WriteLine("Where the overhead per region release of 2.0 went (time before each event, mean per region release, largest first):");
        foreach (var (kind, total) in Steps.OrderByDescending(s => s.Value).Take(6))
            Console.WriteLine($"  {Format(total / RegionOverhead.Count),8} ms  before {kind}");
        Console.WriteLine();
        Console.WriteLine("Overhead = time a release took minus the new revisions' health waits (the rollout's \"healthy\" event duration; per wave");
        Console.WriteLine("the longest, as regions of a wave run in parallel) and the configured bake times, from the controller's own events.");
        Console.WriteLine("Rollback = the stage's \"rolling back\" event (stored with the failing bake verdict) to the last \"back on the previous revision\".");
        Console.WriteLine($"Targets: {(TargetsMet ? "all met" : "NOT all met")}.");
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["apps"] = apps,
            ["regions"] = regions,
            ["releases"] = RegionOverhead.Count,
            ["failed_requests"] = Failed,
            ["requests"] = Requests,
            ["load_rate_per_region"] = rate,
            ["controller_cpu_ms_per_region_release"] = Round(CpuPerRegionRelease),
            ["controller_overhead_ms_p50"] = Round(Percentile(RegionOverhead, 50)),
            ["controller_overhead_ms_p99"] = Round(Percentile(RegionOverhead, 99)),
            ["app_release_overhead_ms_p50"] = Round(Percentile(ReleaseOverhead, 50)),
            ["app_release_overhead_ms_p99"] = Round(Percentile(ReleaseOverhead, 99)),
            ["wave_rollback_ms_p50"] = Round(Percentile(Rollbacks, 50)),
            ["wave_rollback_ms_p99"] = Round(Percentile(Rollbacks, 99)),
            ["planted_errors"] = Planted,
            ["serving_previous_after_rollback"] = Serving,
            ["overhead_target_met"] = OverheadMet,
            ["rollback_target_met"] = RollbackMet,
            ["failed_requests_target_met"] = RequestsMet,
            ["seconds"] = Round(elapsed.TotalSeconds),
        }));
    }

    private string Load => rate == 0 ? $"{clients} request loops as fast as the answers come" : $"{rate} requests a second from {clients} request loops";

    private static void Row(string name, List<double> values, string target, bool met) =>
        Console.WriteLine($"{name,-58} {Format(Percentile(values, 50)),8} {Format(Percentile(values, 99)),8} {Format(values.Max()),8} {values.Count,5}  {target,-10} {(target == "(info)" ? $"({Yes(met)} under {OverheadTarget:0})" : Yes(met))}");

    private static string Yes(bool met) => met ? "yes" : "NO";

    private static string Format(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);

    private static double Round(double value) => Math.Round(value, 1);
}
