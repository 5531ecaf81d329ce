using System.Globalization;
using System.Text.Json;

namespace ControllerBench;

/// <summary>What the run measured, against issue #14's targets: a table, then one line of JSON.</summary>
internal sealed class Report(int rollouts, int canaries, BenchStore store, TimeSpan analysisInterval)
{
    private const double ReactionTarget = 100; // ms, p99 observation to effect
    private const double RatioTarget = 0.5; // of the raw commit rate
    private const double KbTarget = 100; // per idle rollout

    public required TimeSpan Startup { get; init; }
    public required TimeSpan FirstRelease { get; init; }
    public required TimeSpan Measured { get; init; }
    public required TimeSpan MeasuredCpu { get; init; }
    public required IReadOnlyList<double> Decision { get; init; }
    public required IReadOnlyList<double> Effect { get; init; }
    public required IReadOnlyList<double> Reaction { get; init; }
    public required double RawCommitsPerSecond { get; init; }
    public required IReadOnlyList<double> Settled { get; init; }
    public required Memory Before { get; init; }
    public required Memory Served { get; init; }
    public required Memory Idle { get; init; }
    public required double IdleCpu { get; init; }
    public required TimeSpan Whole { get; init; }

    private int Transitions => Decision.Count;
    private double TransitionsPerSecond => Transitions / Measured.TotalSeconds;
    private double Ratio => TransitionsPerSecond / RawCommitsPerSecond;
    private double P99Reaction => Delays.Percentile(Reaction, 99);

    /// <summary>The whole cost of keeping one more rollout waiting: its lane and revisions included.</summary>
    private double KbPerRollout => (Idle - Before).Managed / 1024.0 / rollouts;

    public bool TargetsMet => P99Reaction < ReactionTarget && Ratio >= RatioTarget && KbPerRollout < KbTarget;

    public void Print()
    {
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        Console.WriteLine($"Greenlight controller benchmark: one controller, {rollouts} concurrent rollouts ({canaries} canaries, {rollouts - canaries} blue-green) on {store.Name}");
        Console.WriteLine("Peer: none. The yardstick is the store's raw commit rate with the same durability, measured in this run.");
        Console.WriteLine($"Setup: the Engine (AppControllers, a lane per app) with the bench's InstantTarget and InstantRouter (no processes, no edge);");
        Console.WriteLine($"canaries: setWeight 20, analysis, setWeight 50, analysis (errorRate on the router's counters, every {analysisInterval.TotalMilliseconds:0} ms); all keep blue warm 1h.");
        Console.WriteLine($"Run: start the controller ({Seconds(Startup)} s), release 1.0 everywhere ({Seconds(FirstRelease)} s, warm-up), then 2.0 everywhere at once (measured).");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {string.Join(" ", load)}; whole run {Seconds(Whole)} s.");
        Console.WriteLine();
        Console.WriteLine($"{"measure",-56} {"value",10}  {"target",-8} met");
        Line("transitions of the 2.0 rollouts", Transitions.ToString(CultureInfo.InvariantCulture), "", null);
        Line("time until every 2.0 rollout served (s)", Seconds(Measured), "", null);
        Line("transitions per second", Format(TransitionsPerSecond, "0"), "", null);
        Line($"raw commits per second ({store.Name})", Format(RawCommitsPerSecond, "0"), "", null);
        Line("commit ratio: transitions/s over raw commits/s", Format(Ratio, "0.000"), $">= {RatioTarget}", Ratio >= RatioTarget);
        Line("controller CPU per transition (ms)", Format(MeasuredCpu.TotalMilliseconds / Transitions, "0.00"), "", null);
        Console.WriteLine();
        Console.WriteLine($"{"delay per transition (ms)",-56} {"p50",8} {"p99",8} {"max",8}  {"target",-8} met");
        Delay("observation to persisted decision", Decision, "", null);
        Delay("persisted decision to its effect starting", Effect, "", null);
        Delay("observation to effect starting", Reaction, $"< {ReactionTarget:0}", P99Reaction < ReactionTarget);
        Console.WriteLine($"{"a 2.0 rollout serving, from the first requested (s)",-56} {Format(Delays.Percentile(Settled, 50), "0.00"),8} {Format(Delays.Percentile(Settled, 99), "0.00"),8} {Format(Settled[^1], "0.00"),8}");
        Console.WriteLine();
        Line("managed heap per idle rollout, lane included (KB)", Format(KbPerRollout, "0.0"), $"< {KbTarget:0}", KbPerRollout < KbTarget);
        Line("managed heap per idle rollout, beyond its lane (KB)", Format((Idle - Served).Managed / 1024.0 / rollouts, "0.0"), "", null);
        Line("working set per idle rollout, lane included (KB)", Format((Idle - Before).WorkingSet / 1024.0 / rollouts, "0.0"), "", null);
        Line($"controller CPU while {rollouts} rollouts wait (% of a core)", Format(IdleCpu * 100, "0.0"), "", null);
        Console.WriteLine();
        Console.WriteLine($"Raw commits: {store.RawDescription}, one connection, 3 s.");
        Console.WriteLine("Delays: the Engine's Greenlight.Controller meter (off unless listened to), one value per rollout transition of 2.0.");
        Console.WriteLine("Idle memory: after a full GC, with every 2.0 rollout warm, against the process before the controller started.");
        Console.WriteLine($"Targets: {(TargetsMet ? "all met" : "NOT all met")}.");
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["rollouts"] = rollouts,
            ["store"] = store.Name,
            ["canaries"] = canaries,
            ["transitions"] = Transitions,
            ["transitions_per_s"] = Round(TransitionsPerSecond),
            ["raw_commits_per_s"] = Round(RawCommitsPerSecond),
            ["commit_ratio"] = Math.Round(Ratio, 3),
            ["p50_decision_ms"] = Round(Delays.Percentile(Decision, 50)),
            ["p99_decision_ms"] = Round(Delays.Percentile(Decision, 99)),
            ["p50_effect_ms"] = Round(Delays.Percentile(Effect, 50)),
            ["p99_effect_ms"] = Round(Delays.Percentile(Effect, 99)),
            ["p50_observation_to_effect_ms"] = Round(Delays.Percentile(Reaction, 50)),
            ["p99_observation_to_effect_ms"] = Round(P99Reaction),
            ["kb_per_rollout"] = Round(KbPerRollout),
            ["working_set_kb_per_rollout"] = Round((Idle - Before).WorkingSet / 1024.0 / rollouts),
            ["cpu_ms_per_transition"] = Math.Round(MeasuredCpu.TotalMilliseconds / Transitions, 3),
            ["idle_cpu_percent"] = Round(IdleCpu * 100),
            ["seconds"] = Round(Whole.TotalSeconds),
            ["targets_met"] = TargetsMet,
        }));
    }

    private static void Line(string name, string value, string target, bool? met) =>
        Console.WriteLine($"{name,-56} {value,10}  {target,-8} {(met is null ? "" : met.Value ? "yes" : "NO")}");

    private static void Delay(string name, IReadOnlyList<double> sorted, string target, bool? met) =>
        Console.WriteLine($"{name,-56} {Format(Delays.Percentile(sorted, 50), "0.0"),8} {Format(Delays.Percentile(sorted, 99), "0.0"),8} {Format(sorted.Count == 0 ? double.NaN : sorted[^1], "0.0"),8}  {target,-8} {(met is null ? "" : met.Value ? "yes" : "NO")}");

    private static string Seconds(TimeSpan t) => Format(t.TotalSeconds, "0.0");

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static double Round(double value) => double.IsNaN(value) ? -1 : Math.Round(value, 1);
}
