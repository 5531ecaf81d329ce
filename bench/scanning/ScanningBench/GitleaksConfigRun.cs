using System.Diagnostics;
using System.Text.RegularExpressions;
using Greenlight.Scanning.Secrets;

namespace ScanningBench;

/// <summary>
/// Throughput with gitleaks' full config (its vendored config/gitleaks.toml) on the same tree, beside ripgrep
/// given the same rules' regexes as written (Go RE2 syntax, which rg's default engine reads).
/// </summary>
internal static class GitleaksConfigRun
{
    public sealed record Result(double GreenlightMbS, double? RipgrepMbS, int Rules, string? RipgrepNote);

    public static Result Measure(string configPath, string root, string work, double treeMb, int rounds, int threads)
    {
        var rules = GitleaksConfig.Load(configPath);
        var scanner = new SecretScanner(rules);
        scanner.ScanDirectory(root);
        var best = Enumerable.Range(0, rounds).Min(_ => Time(() => scanner.ScanDirectory(root)));

        // Rules without a regex (path-only) have nothing for rg to search.
        var patterns = Regex.Matches(File.ReadAllText(configPath), @"(?m)^regex = '''(.*)'''\s*$").Select(m => m.Groups[1].Value).ToList();
        var rg = new Ripgrep(Path.Combine(work, "gitleaks-patterns.txt"), threads);
        File.WriteAllLines(Path.Combine(work, "gitleaks-patterns.txt"), patterns);
        try
        {
            rg.Search(root);
            var rgBest = Enumerable.Range(0, rounds).Min(_ => Time(() => rg.Search(root)));
            return new(treeMb / best, treeMb / rgBest, rules.Rules.Count, null);
        }
        catch (InvalidOperationException e)
        {
            // rg refuses a few RE2 constructs; the figure then stands beside the default-rules comparison.
            return new(treeMb / best, null, rules.Rules.Count, e.Message.Split('\n')[0]);
        }
    }

    private static double Time(Action run)
    {
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalSeconds;
    }
}
