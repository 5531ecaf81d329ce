using System.Globalization;
using System.Text.Json;

namespace ControllerBench;

/// <summary>What the run measured, against issue #14's targets: a table, then one line of JSON.</summary>
internal sealed class Report(int rollouts, int canaries, BenchStore store, TimeSpan analysisInterval, TimeSpan window)
{
    private const double ReactionTarget = 100; // ms, p99 observation to effect
    private const double RatioTarget = 0.5; // of the raw commit rate
    private const double KbTarget = 100; // per idle rollout

    public required TimeSpan Startup { get; init; }
    public required TimeSpan FirstRelease { get; init; }
    public required Phase? Burst { get; init; }
    public required Phase? Spread { get; init; }
    public required double RawCommitsPerSecond { get; init; }
    public required Memory Before { get; init; }
    public required Memory Served { get; init; }
    public required Memory Idle { get; init; }
    public required double IdleCpu { get; init; }
    public required TimeSpan Whole { get; init; }

    /// <summary>Throughput is judged on the burst (every rollout's work at once), reaction time on the spread (steady arrivals).</summary>
    private Phase Throughput => Burst ?? Spread!;
    private Phase Reacting => Spread ?? Burst!;
    private double Ratio => Throughput.TransitionsPerSecond / RawCommitsPerSecond;
    private double P99Reaction => Reacting.P99Reaction;

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
        Console.WriteLine($"Run: start the controller ({Seconds(Startup)} s), release 1.0 everywhere ({Seconds(FirstRelease)} s, warm-up), then"
            + (Burst is null ? "" : " 2.0 everywhere at once (burst)") + (Burst is not null && Spread is not null ? ", then" : "")
            + (Spread is null ? "." : $" 3.0 spread evenly over {window.TotalSeconds:0} s, canaries pausing {window.TotalSeconds:0} s at 20% (spread)."));
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {string.Join(" ", load)}; whole run {Seconds(Whole)} s.");
        Console.WriteLine($"Raw commits per second ({store.Name}): {Format(RawCommitsPerSecond, "0")}.");
        if (Burst is not null)
            PrintPhase("burst: 2.0 of every app in the same instant", Burst, ratioTarget: true, reactionTarget: Spread is null);
        if (Spread is not null)
            PrintPhase($"spread: 3.0 of every app over {window.TotalSeconds:0} s", Spread, ratioTarget: Burst is null, reactionTarget: true);
        Console.WriteLine();
        Line("managed heap per idle rollout, lane included (KB)", Format(KbPerRollout, "0.0"), $"< {KbTarget:0}", KbPerRollout < KbTarget);
        Line("managed heap per idle rollout, beyond its lane (KB)", Format((Idle - Served).Managed / 1024.0 / rollouts, "0.0"), "", null);
        Line("working set per idle rollout, lane included (KB)", Format((Idle - Before).WorkingSet / 1024.0 / rollouts, "0.0"), "", null);
        Line($"controller CPU while {rollouts} rollouts wait (% of a core)", Format(IdleCpu * 100, "0.0"), "", null);
        Console.WriteLine();
        Console.WriteLine($"Raw commits: {store.RawDescription}, one connection, 3 s.");
        Console.WriteLine("Delays: the Engine's Greenlight.Controller meter (off unless listened to), one value per rollout transition of the phase.");
        Console.WriteLine("Targets: the commit ratio on the burst, the reaction time on the spread (steady arrivals), when both ran.");
        Console.WriteLine("Idle memory: after a full GC, with every rollout of the last phase warm, against the process before the controller started.");
        Console.WriteLine($"Targets: {(TargetsMet ? "all met" : "NOT all met")}.");
        var json = new Dictionary<string, object>
        {
            ["rollouts"] = rollouts,
            ["store"] = store.Name,
            ["canaries"] = canaries,
            ["arrival"] = Burst is null ? "spread" : Spread is null ? "burst" : "both",
            ["raw_commits_per_s"] = Round(RawCommitsPerSecond),
            ["commit_ratio"] = Math.Round(Ratio, 3),
        };
        if (Burst is not null)
            Keys(json, Burst, "");
        if (Spread is not null)
        {
            Keys(json, Spread, "_spread");
            json["spread_window_s"] = window.TotalSeconds;
        }
        json["kb_per_rollout"] = Round(KbPerRollout);
        json["working_set_kb_per_rollout"] = Round((Idle - Before).WorkingSet / 1024.0 / rollouts);
        json["idle_cpu_percent"] = Round(IdleCpu * 100);
        json["seconds"] = Round(Whole.TotalSeconds);
        json["targets_met"] = TargetsMet;
        Console.WriteLine(JsonSerializer.Serialize(json));
    }

    private void PrintPhase(string title, Phase phase, bool ratioTarget, bool reactionTarget)
    {
        var ratio = phase.TransitionsPerSecond / RawCommitsPerSecond;
        Console.WriteLine();
        Console.WriteLine($"{title,-56} {"value",10}  {"target",-8} met");
        Line("transitions of the rollouts", phase.Transitions.ToString(CultureInfo.InvariantCulture), "", null);
        Line("time until every rollout served (s)", Seconds(phase.Measured), "", null);
        Line("transitions per second", Format(phase.TransitionsPerSecond, "0"), "", null);
        Line("commit ratio: transitions/s over raw commits/s", Format(ratio, "0.000"), ratioTarget ? $">= {RatioTarget}" : "", ratioTarget ? ratio >= RatioTarget : null);
        Line("controller CPU per transition (ms)", Format(phase.Cpu.TotalMilliseconds / phase.Transitions, "0.00"), "", null);
        Console.WriteLine($"{"delay per transition (ms)",-56} {"p50",8} {"p99",8} {"max",8}  {"target",-8} met");
        Delay("observation to persisted decision", phase.Decision, "", null);
        Delay("persisted decision to its effect starting", phase.Effect, "", null);
        Delay("observation to effect starting", phase.Reaction, reactionTarget ? $"< {ReactionTarget:0}" : "", reactionTarget ? phase.P99Reaction < ReactionTarget : null);
        var settled = phase.Settled;
        Console.WriteLine($"{"a rollout serving, from the first requested (s)",-56} {Format(Delays.Percentile(settled, 50), "0.00"),8} {Format(Delays.Percentile(settled, 99), "0.00"),8} {Format(settled[^1], "0.00"),8}");
    }

    /// <summary>One phase's figures, under the keys the bench has always printed plus <paramref name="suffix"/>.</summary>
    private static void Keys(Dictionary<string, object> json, Phase phase, string suffix)
    {
        json["transitions" + suffix] = phase.Transitions;
        json["transitions_per_s" + suffix] = Round(phase.TransitionsPerSecond);
        json["p50_decision_ms" + suffix] = Round(Delays.Percentile(phase.Decision, 50));
        json["p99_decision_ms" + suffix] = Round(Delays.Percentile(phase.Decision, 99));
        json["p50_effect_ms" + suffix] = Round(Delays.Percentile(phase.Effect, 50));
        json["p99_effect_ms" + suffix] = Round(Delays.Percentile(phase.Effect, 99));
        json["p50_observation_to_effect_ms" + suffix] = Round(Delays.Percentile(phase.Reaction, 50));
        json["p99_observation_to_effect_ms" + suffix] = Round(phase.P99Reaction);
        json["cpu_ms_per_transition" + suffix] = Math.Round(phase.Cpu.TotalMilliseconds / phase.Transitions, 3);
    }

    private static void Line(string name, string value, string target, bool? met) =>
        Console.WriteLine($"{name,-56} {value,10}  {target,-8} {(met is null ? "" : met.Value ? "yes" : "NO")}");

    private static void Delay(string name, IReadOnlyList<double> sorted, string target, bool? met) =>
        Console.WriteLine($"{name,-56} {Format(Delays.Percentile(sorted, 50), "0.0"),8} {Format(Delays.Percentile(sorted, 99), "0.0"),8} {Format(sorted.Count == 0 ? double.NaN : sorted[^1], "0.0"),8}  {target,-8} {(met is null ? "" : met.Value ? "yes" : "NO")}");

    private static string Seconds(TimeSpan t) => Format(t.TotalSeconds, "0.0");

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static double Round(double value) => double.IsNaN(value) ? -1 : Math.Round(value, 1);
}
