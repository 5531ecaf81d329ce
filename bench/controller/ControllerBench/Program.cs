using System.Diagnostics;
using ControllerBench;

// bench/controller/run: one controller driving --rollouts concurrent rollouts on --store; see bench/controller/README.md.
var (rollouts, storeName, arrival) = (1000, "sqlite", "both");
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rollouts" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
            rollouts = n;
            i++;
            break;
        case "--store" when i + 1 < args.Length:
            storeName = args[++i];
            break;
        case "--arrival" when i + 1 < args.Length && args[i + 1] is "burst" or "spread" or "both":
            arrival = args[++i];
            break;
        default:
            Console.Error.WriteLine($"argument {i + 1}: found \"{args[i]}\", expected --rollouts N (a whole number above 0), --store sqlite|postgres or --arrival burst|spread|both");
            return 2;
    }
}

BenchStore opened;
try
{
    opened = BenchStore.Open(storeName);
}
catch (BenchRefusal refused)
{
    Console.Error.WriteLine(refused.Message);
    return 2;
}
await using var store = opened;

var analysisInterval = TimeSpan.FromMilliseconds(Environment.GetEnvironmentVariable("ANALYSIS_INTERVAL_MS") is { } ms ? int.Parse(ms) : 100);
var releaseLimit = TimeSpan.FromMinutes(2);
// Spread: the 2.0 releases start evenly over this window and each canary pauses at 20% as long, so at the window's end
// every canary released is in flight at once.
var window = TimeSpan.FromSeconds(Environment.GetEnvironmentVariable("SPREAD_WINDOW_S") is { } w ? int.Parse(w) : 10);
var whole = Stopwatch.StartNew();
using var delays = new Delays();
var before = Memory.Now();
await using var fleet = Fleet.Create(rollouts, store, analysisInterval, hold: window);

Console.Error.WriteLine($"starting one controller with {rollouts} apps (a lane each) on {store.Name}, in {fleet.Workspace}");
var clock = Stopwatch.StartNew();
await fleet.StartAsync(CancellationToken.None);
var startup = clock.Elapsed;

Console.Error.WriteLine($"releasing 1.0 of every app (first releases: the warm-up)");
clock.Restart();
await fleet.ReleaseAllAsync("1.0", releaseLimit, CancellationToken.None);
var first = clock.Elapsed;
var served = Memory.Now();

Console.Error.WriteLine("measuring the store's raw commit rate");
var raw = store.RawCommitsPerSecond(fleet.Workspace, TimeSpan.FromSeconds(3));

Phase? burst = null, spread = null;
if (arrival is "burst" or "both")
{
    Console.Error.WriteLine("releasing 2.0 of every app at once (the measured phase, burst)");
    burst = await Phase.MeasureAsync(fleet, delays, "2.0", releaseLimit, null);
}
if (arrival is "spread" or "both")
{
    Console.Error.WriteLine($"releasing 3.0 of every app spread over {window.TotalSeconds:0} s, canaries pausing as long at 20% (the measured phase, spread)");
    spread = await Phase.MeasureAsync(fleet, delays, "3.0", releaseLimit, window);
}

Console.Error.WriteLine($"{rollouts} rollouts wait warm: measuring memory and the controller's idle CPU");
await Task.Delay(TimeSpan.FromSeconds(2));
var idle = Memory.Now();
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
clock.Restart();
await Task.Delay(TimeSpan.FromSeconds(5));
var idleCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu) / clock.Elapsed;

var report = new Report(rollouts, fleet.Canaries, store, analysisInterval, window)
{
    Startup = startup,
    FirstRelease = first,
    Burst = burst,
    Spread = spread,
    RawCommitsPerSecond = raw,
    Before = before,
    Served = served,
    Idle = idle,
    IdleCpu = idleCpu,
    Whole = whole.Elapsed,
};
report.Print();
return report.TargetsMet ? 0 : 1;
