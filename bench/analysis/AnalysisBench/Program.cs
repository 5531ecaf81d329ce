using System.Diagnostics;
using AnalysisBench;
using Greenlight.Core.Analysis;

// Knobs (environment): AA_TRIALS (1000), TRIALS (200 per regression scenario), SEED (20251129).
var aaTrials = Knob("AA_TRIALS", 1000);
var trials = Knob("TRIALS", 200);
var seed = Knob("SEED", 20251129);
var clock = Stopwatch.StartNew();

Scenario[] scenarios =
[
    new("aa", "A/A (identical revisions)", Scenario.Stable, aaTrials),
    new("errors", "errors 1% -> 5% on the canary", new Behaviour(0.05, 1.0), trials),
    new("latency", "latency x1.3 on the canary (p99 +30%)", new Behaviour(World.StableErrorRate, 1.3), trials),
];

var results = new List<ScenarioResult>();
for (var s = 0; s < scenarios.Length; s++)
{
    var scenario = scenarios[s];
    var decisions = new Decision[scenario.Trials][];
    // One seed per trial: the outcome does not depend on how threads share the trials out.
    Parallel.For(0, scenario.Trials, t => decisions[t] = Trial.Run(scenario.Canary, seed + 1_000_003 * s + t));
    results.Add(new ScenarioResult(scenario, Trial.Methods.Select((method, i) => (method, i))
        .ToDictionary(m => m.method, m => new Outcomes([.. decisions.Select(d => d[m.i])]))));
}

Console.WriteLine($"Greenlight analysis benchmark: {World.RequestsPerSecond} req/s, canary weight {World.CanaryWeight * 100}%, "
    + $"a look every second, at most {World.MaxSeconds} s; the edge's latency buckets; seed {seed}");
var defaults = new ErrorRateJudgeOptions();
Console.WriteLine($"greenlight: errorRate + latency (p99) at their defaults: alpha {defaults.Alpha} each, beta {defaults.Beta}, "
    + $"tolerance {defaults.Tolerance}, minCanaryRequests {defaults.MinCanaryRequests}, maxCanaryRequests {defaults.MaxCanaryRequests}; time-out = rollback");
Console.WriteLine("flagger: 1-minute checks, success rate >= 99% and p99 <= 1.2x stable's, rollback after 5 failed checks");
Console.WriteLine("mannwhitney: per-request errors and latencies, each 5-minute window, one-sided alpha 0.01 (Kayenta's 98% two-sided)");
Console.WriteLine();
Console.Write(Report.Table(results));

var aa = results[0].ByMethod["greenlight"];
Console.WriteLine();
Console.WriteLine($"greenlight A/A: rolled back {Report.Percent(aa.RollbackRate)} (judge failed {Report.Percent(aa.Rate(d => d.RolledBack && d.Reason != "timeout"))}, "
    + $"timed out {Report.Percent(aa.Rate(d => d.Reason == "timeout"))}); promoted after {aa.SecondsToPromote()} s (median), "
    + $"{Report.Percent(aa.Rate(d => !d.RolledBack && d.Second <= 300))} within 5 minutes");
Console.WriteLine($"greenlight detections by judge: errors scenario {Reasons(results[1].ByMethod["greenlight"])}; latency scenario {Reasons(results[2].ByMethod["greenlight"])}");
Console.WriteLine($"elapsed {clock.Elapsed.TotalSeconds:0.0} s");

var figures = new Dictionary<string, object?> { ["seed"] = seed, ["aa_trials"] = aaTrials, ["trials"] = trials };
foreach (var method in Trial.Methods)
{
    var prefix = method == "greenlight" ? "" : method + "_";
    var (aaOutcome, errors, latency) = (results[0].ByMethod[method], results[1].ByMethod[method], results[2].ByMethod[method]);
    figures[prefix + "aa_false_rollback_rate"] = Math.Round(aaOutcome.RollbackRate, 4);
    figures[prefix + "errors_detect_canary_requests_median"] = errors.CanaryRequestsToRollback(0.5);
    figures[prefix + "errors_detect_seconds_median"] = errors.SecondsToRollback(0.5);
    figures[prefix + "errors_detect_seconds_p90"] = errors.SecondsToRollback(0.9);
    figures[prefix + "errors_detect_rate"] = Math.Round(errors.RollbackRate, 4);
    figures[prefix + "latency_detect_seconds_median"] = latency.SecondsToRollback(0.5);
    figures[prefix + "latency_detect_canary_requests_median"] = latency.CanaryRequestsToRollback(0.5);
    figures[prefix + "latency_detect_rate"] = Math.Round(latency.RollbackRate, 4);
}

figures["aa_promote_seconds_median"] = aa.SecondsToPromote();
figures["aa_promoted_within_300s_rate"] = Math.Round(aa.Rate(d => !d.RolledBack && d.Second <= 300), 4);
figures["errors_speedup_vs_flagger"] = Ratio(figures["flagger_errors_detect_seconds_median"], figures["errors_detect_seconds_median"]);
figures["elapsed_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
Console.WriteLine(Report.Json(figures));

static int Knob(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;

static string Reasons(Outcomes outcomes) => string.Join(", ", Judges.Names.Take(2).Select(n => $"{n} {Report.Percent(outcomes.Rate(d => d.Reason == n))}"));

static double? Ratio(object? slow, object? fast) => slow is double s && fast is double f && f > 0 ? Math.Round(s / f, 1) : null;
