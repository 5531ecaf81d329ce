using System.Diagnostics;
using Greenlight.Scanning.Secrets;
using ScanningBench;

// Usage: ScanningBench <empty work dir> <gitleaks.toml>. Knobs (environment): TREE_MB (200), ROUNDS (5).
var (work, gitleaksConfig) = args.Length == 2 ? (args[0], args[1]) : throw new ArgumentException("usage: ScanningBench <work dir> <gitleaks.toml>");
var treeMb = int.Parse(Environment.GetEnvironmentVariable("TREE_MB") ?? "200");
var rounds = int.Parse(Environment.GetEnvironmentVariable("ROUNDS") ?? "5");
var threads = Environment.ProcessorCount; // both tools get every core: PLINQ's default degree and rg -j
var root = Path.Combine(work, "tree");

var clock = Stopwatch.StartNew();
var tree = TreeGenerator.Generate(root, treeMb * 1_000_000L);
Console.Error.WriteLine($"generated {tree.Files} files, {tree.Bytes / 1e6:0} MB, {tree.Planted.Count} planted secrets in {clock.Elapsed.TotalSeconds:0.0} s");

// Page cache and JIT warm before anything is timed: one untimed read of every file, one untimed run of each.
foreach (var f in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)) File.ReadAllBytes(f);
var rg = Ripgrep.Prepare(Path.Combine(work, "patterns.txt"), threads);
var scanner = new SecretScanner();
scanner.ScanDirectory(root);
rg.Search(root);

var greenlightTimes = new List<double>();
var ripgrepTimes = new List<double>();
IReadOnlyList<SecretFinding> findings = [];
HashSet<(string File, int Line)> rgLines = [];
for (var round = 0; round < rounds; round++)
{
    // Alternating order, so neither tool always runs right after the other has heated the CPU or the cache.
    for (var turn = 0; turn < 2; turn++)
    {
        clock.Restart();
        if ((round + turn) % 2 == 0) { findings = scanner.ScanDirectory(root); greenlightTimes.Add(clock.Elapsed.TotalSeconds); }
        else { rgLines = rg.Search(root); ripgrepTimes.Add(clock.Elapsed.TotalSeconds); }
    }
}

var planted = tree.Planted.Select(p => (p.File, p.Line)).ToHashSet();
var foundLines = findings.Select(f => (f.File, f.Line)).ToHashSet();
var result = new BenchResult(
    tree, rounds, threads, Ripgrep.Version(), greenlightTimes, ripgrepTimes,
    Recall: planted.Count(foundLines.Contains) / (double)planted.Count,
    RipgrepRecall: planted.Count(rgLines.Contains) / (double)planted.Count,
    FalsePositives: findings.Where(f => !planted.Contains((f.File, f.Line))).ToList(),
    RipgrepOtherLines: rgLines.Count(l => !planted.Contains(l)),
    RecallByRule: tree.Planted.GroupBy(p => p.RuleId).ToDictionary(
        g => g.Key, g => (g.Count(p => foundLines.Contains((p.File, p.Line))), g.Count())));
var gitleaks = GitleaksConfigRun.Measure(gitleaksConfig, root, work, tree.Bytes / 1e6, Math.Min(rounds, 3), threads);
Console.Write(Report.Table(result, gitleaks));
Console.WriteLine(Report.Json(result, gitleaks));
