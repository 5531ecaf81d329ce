using System.Diagnostics;
using System.Globalization;
using AnalysisBench;
using AnalysisBench.Live;
using Greenlight.Core.Analysis;

// Knobs (environment): AA_TRIALS (1000), TRIALS (200 per regression scenario), SEED (20251129), LATENCY_OPTIONS (none);
// the live A/A: LIVE_AA (on; off skips it), LIVE_AA_CANARIES (50), LIVE_AA_RPS (400).
var aaTrials = Knob("AA_TRIALS", 1000);
var trials = Knob("TRIALS", 200);
var seed = Knob("SEED", 20251129);
var clock = Stopwatch.StartNew();
var latencyOptions = LatencyOptions(Environment.GetEnvironmentVariable("LATENCY_OPTIONS"));

Scenario[] scenarios =
[
    new("aa", "A/A (identical revisions)", Scenario.Stable, aaTrials),
    new("errors", "errors 1% -> 5% on the canary", new Behaviour(0.05, 1.0), trials),
    new("latency", "latency x1.3 on the canary (p99 +30%)", new Behaviour(World.StableErrorRate, 1.3), trials),
    new("warmup", "cold start: x2 at first, -> x1 (tau 20 s)", new Behaviour(World.StableErrorRate, 1.0, ColdExtra: 1.0, ColdSeconds: 20), aaTrials),
];

var results = new List<ScenarioResult>();
for (var s = 0; s < scenarios.Length; s++)
{
    var scenario = scenarios[s];
    var decisions = new Decision[scenario.Trials][];
    // One seed per trial: the outcome does not depend on how threads share the trials out.
    Parallel.For(0, scenario.Trials, t => decisions[t] = Trial.Run(scenario.Canary, seed + 1_000_003 * s + t, latencyOptions));
    results.Add(new ScenarioResult(scenario, Trial.Methods.Select((method, i) => (method, i))
        .ToDictionary(m => m.method, m => new Outcomes([.. decisions.Select(d => d[m.i])]))));
}

Console.WriteLine($"Greenlight analysis benchmark: {World.RequestsPerSecond} req/s, canary weight {World.CanaryWeight * 100}%, "
    + $"a look every second, at most {World.MaxSeconds} s; the edge's latency buckets; seed {seed}");
var defaults = new ErrorRateJudgeOptions();
var latencyDefaults = new LatencyJudgeOptions();
Console.WriteLine($"greenlight: errorRate + latency (p99) at their defaults: alpha {defaults.Alpha} each, beta {defaults.Beta}, "
    + $"tolerance {defaults.Tolerance}, minCanaryRequests {defaults.MinCanaryRequests}, maxCanaryRequests {defaults.MaxCanaryRequests}; time-out = rollback; "
    + $"latency margin max({latencyDefaults.MinSlowdownMs} ms, {latencyDefaults.MinSlowdown:0.##%}), warm-up windows of {latencyDefaults.WarmupWindow} "
    + $"canary requests and {latencyDefaults.WarmupLooks} looks within {latencyDefaults.WarmupTolerance:0.##%}, at most {latencyDefaults.MaxWarmupRequests}, burst correction");
Console.WriteLine("plain: greenlight without the latency judge's warm-up, margin and burst correction (as before they existed)");
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

LiveAaResult? live = null;
if (Environment.GetEnvironmentVariable("LIVE_AA") is not ("off" or "0"))
{
    Console.WriteLine();
    Console.WriteLine("live A/A: a controller, the edge and the sample shop as real processes in this machine, releasing canaries of one build");
    live = await LiveAa.RunAsync(RepoRoot(), Knob("LIVE_AA_CANARIES", 50), Knob("LIVE_AA_RPS", 400), CancellationToken.None);
    Console.Write(Report.Live(live));
}

Console.WriteLine($"elapsed {clock.Elapsed.TotalSeconds:0.0} s");

var figures = new Dictionary<string, object?> { ["seed"] = seed, ["aa_trials"] = aaTrials, ["trials"] = trials };
foreach (var method in Trial.Methods)
{
    var prefix = method == "greenlight" ? "" : method + "_";
    var (aaOutcome, errors, latency, cold) = (results[0].ByMethod[method], results[1].ByMethod[method], results[2].ByMethod[method], results[3].ByMethod[method]);
    figures[prefix + "aa_false_rollback_rate"] = Math.Round(aaOutcome.RollbackRate, 4);
    figures[prefix + "errors_detect_canary_requests_median"] = errors.CanaryRequestsToRollback(0.5);
    figures[prefix + "errors_detect_seconds_median"] = errors.SecondsToRollback(0.5);
    figures[prefix + "errors_detect_seconds_p90"] = errors.SecondsToRollback(0.9);
    figures[prefix + "errors_detect_rate"] = Math.Round(errors.RollbackRate, 4);
    figures[prefix + "latency_detect_seconds_median"] = latency.SecondsToRollback(0.5);
    figures[prefix + "latency_detect_canary_requests_median"] = latency.CanaryRequestsToRollback(0.5);
    figures[prefix + "latency_detect_rate"] = Math.Round(latency.RollbackRate, 4);
    figures[prefix + "warmup_false_rollback_rate"] = Math.Round(cold.RollbackRate, 4);
}

figures["aa_promote_seconds_median"] = aa.SecondsToPromote();
figures["aa_promoted_within_300s_rate"] = Math.Round(aa.Rate(d => !d.RolledBack && d.Second <= 300), 4);
figures["errors_speedup_vs_flagger"] = Ratio(figures["flagger_errors_detect_seconds_median"], figures["errors_detect_seconds_median"]);
figures["live_aa_canaries"] = live?.Canaries.Count ?? 0;
figures["live_aa_false_rollback_rate"] = live is null ? null : Math.Round(live.FalseRollbackRate, 4);
figures["live_aa_plain_false_rollback_rate"] = live is null ? null : Math.Round(live.PlainFalseRollbackRate, 4);
figures["live_aa_rps"] = live?.RequestsPerSecond;
figures["live_aa_failed_requests"] = live?.FailedRequests;
figures["live_aa_load_average_before"] = live is null ? null : OneMinute(live.LoadBefore);
figures["live_aa_load_average_after"] = live is null ? null : OneMinute(live.LoadAfter);
figures["live_aa_seconds"] = live is null ? null : Math.Round(live.Seconds, 1);
figures["elapsed_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
Console.WriteLine(Report.Json(figures));

// "minSlowdown=0,maxWarmupRequests=0": the latency judge's options as the manifest writes them, for tuning.
static Dictionary<string, string> LatencyOptions(string? text)
{
    var options = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.ElementAtOrDefault(1) ?? "");
    var problems = Judges.Validate(Judges.Latency, options);
    return problems.Count == 0 ? options : throw new ArgumentException($"LATENCY_OPTIONS: {string.Join("; ", problems)}");
}

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Greenlight.slnx"))) return dir.FullName;
    throw new InvalidOperationException($"no Greenlight.slnx above {AppContext.BaseDirectory}: the live A/A needs the sample shop");
}

static double? OneMinute(string loadAverage) =>
    double.TryParse(loadAverage.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

static int Knob(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;

static string Reasons(Outcomes outcomes) => string.Join(", ", Judges.Names.Take(2).Select(n => $"{n} {Report.Percent(outcomes.Rate(d => d.Reason == n))}"));

static double? Ratio(object? slow, object? fast) => slow is double s && fast is double f && f > 0 ? Math.Round(s / f, 1) : null;
