using System.Diagnostics;
using System.Globalization;
using WavesBench;

if (args is ["load", var loops, var perRegion, var planted])
    return await LoadProcess.RunChildAsync(int.Parse(loops, CultureInfo.InvariantCulture), int.Parse(perRegion, CultureInfo.InvariantCulture), planted);

// Knobs (environment): APPS (10), CLIENTS (request loops per region, 3), RATE (requests a second per region, 50; 0: as
// fast as the answers come), BAKE_MS (bake of each wave, 2000).
var apps = Knob("APPS", 10);
var clients = Knob("CLIENTS", 3);
var rate = Environment.GetEnvironmentVariable("RATE") is "0" ? 0 : Knob("RATE", 50);
var bake = TimeSpan.FromMilliseconds(Knob("BAKE_MS", 2000));
var python = Environment.GetEnvironmentVariable("WAVES_PYTHON") ?? throw new InvalidOperationException("WAVES_PYTHON is not set: run bench/waves/run");
var service = Environment.GetEnvironmentVariable("WAVES_SERVICE") ?? throw new InvalidOperationException("WAVES_SERVICE is not set: run bench/waves/run");
var greenlight = Environment.GetEnvironmentVariable("WAVES_GREENLIGHT") ?? throw new InvalidOperationException("WAVES_GREENLIGHT is not set: run bench/waves/run");
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
var ct = timeout.Token;
var clock = Stopwatch.StartNew();

void Progress(string what) => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {what}");

await using var fleet = await Fleet.StartAsync(apps, python, service, greenlight, bake, ct);
var regions = Fleet.Environments.Length * Fleet.Regions.Length;
Progress($"{apps} apps x {regions} regions: {regions} edges and one controller started");

var first = await fleet.ReleaseAllAsync("1.0", null, ct);
Progress($"1.0 released everywhere (first release, no load): {Phases(first)}");
var (_, firstReleases) = await Timings.OverheadAsync(fleet, first, bake, null, ct);

await using var load = await LoadProcess.StartAsync(fleet.Addresses, clients, rate, plantedVersion: "3.0");
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var good = await fleet.ReleaseAllAsync("2.0", null, ct);
cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
Progress($"2.0 released under load: {Phases(good)}");
var steps = new Dictionary<string, double>();
var (regionOverhead, releaseOverhead) = await Timings.OverheadAsync(fleet, good, bake, steps, ct);
var duringGood = await load.ReportAsync();

// The faulty release: 3.0 answers 10% of its requests with 500 (a config release that breaks); its staging bake is
// long enough for the error-rate judge to catch it in wave 1, after the flip.
var faulty = await fleet.ReleaseAllAsync("3.0", text => text
    .Replace("ERROR_PERCENT: \"0\"", "ERROR_PERCENT: \"10\"")
    .Replace($"bake: {(int)bake.TotalMilliseconds}ms", "bake: 2m"), ct);
Progress($"3.0 (10% errors) released under load: {Phases(faulty)}");
var rollbacks = await Timings.RollbacksAsync(fleet, faulty, ct);
var counts = await load.StopAsync();
var serving = await Serving.CountAsync(fleet.Addresses, "2.0", ct);
Progress($"load stopped: {counts.Requests} requests, {counts.Failed} failed, {counts.Planted} planted 500s of 3.0");

var report = new Report(apps, regions, clients, rate, bake, clock.Elapsed)
{
    FirstReleases = firstReleases,
    RegionOverhead = regionOverhead,
    ReleaseOverhead = releaseOverhead,
    GoodRequests = duringGood.Requests,
    GoodFailed = duringGood.Failed,
    Requests = counts.Requests,
    Failed = counts.Failed,
    Planted = counts.Planted,
    Failures = counts.Failures,
    Rollbacks = [.. rollbacks.Select(r => r.Ms)],
    RolledBackRegions = rollbacks.Sum(r => r.Regions),
    Serving = serving,
    Addresses = fleet.Addresses.Count(),
    Steps = steps,
    CpuPerRegionRelease = cpu.TotalMilliseconds / regionOverhead.Count,
    FaultyReasons = [.. faulty.Select(f => f.Reason ?? "").Distinct().Take(1)],
};
report.Print();
return report.TargetsMet ? 0 : 1;

static int Knob(string name, int fallback) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
        ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
            : throw new ArgumentException($"{name}={text}: expected a positive whole number")
        : fallback;

static string Phases(IEnumerable<Greenlight.Core.Delivery.Release> releases) =>
    string.Join(", ", releases.GroupBy(r => r.Phase).Select(g => $"{g.Count()} {g.Key}"));
