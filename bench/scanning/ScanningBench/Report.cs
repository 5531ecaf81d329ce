using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ScanningBench;

/// <summary>The readable table and the one-line JSON summary (the bench's very last line).</summary>
internal static class Report
{
    public static string Table(BenchResult r, GitleaksConfigRun.Result g)
    {
        var t = new StringBuilder();
        t.AppendLine(Inv($"tree: {r.Tree.Files} files, {r.TreeMb:0.0} MB, {r.Tree.Planted.Count} planted secrets; {r.Threads} threads each; {r.Rounds} rounds"));
        t.AppendLine(Inv($"{"scanner",-22} {"best MB/s",10} {"median MB/s",12} {"best s",8} {"recall",8}"));
        t.AppendLine(Inv($"{"greenlight",-22} {r.GreenlightBest,10:0.0} {r.GreenlightMedian,12:0.0} {r.GreenlightSeconds.Min(),8:0.000} {Percent(r.Recall),8}"));
        t.AppendLine(Inv($"{r.RipgrepVersion,-22} {r.RipgrepBest,10:0.0} {r.RipgrepMedian,12:0.0} {r.RipgrepSeconds.Min(),8:0.000} {Percent(r.RipgrepRecall),8}"));
        t.AppendLine(Inv($"ratio greenlight/ripgrep (best): {r.Ratio:0.00}  (target >= 0.50)"));
        t.AppendLine("greenlight recall by rule: " + string.Join(", ", r.RecallByRule.OrderBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => $"{k.Key} {k.Value.Found}/{k.Value.Planted}")));
        t.AppendLine(Inv($"greenlight findings outside planted lines: {r.FalsePositives.Count}")
            + string.Concat(r.FalsePositives.Take(5).Select(f => $"\n  {f.RuleId} {f.File}:{f.Line}")));
        t.AppendLine(Inv($"ripgrep matching lines outside planted lines (no entropy check or allowlists): {r.RipgrepOtherLines}"));
        t.AppendLine(Inv($"gitleaks' config ({g.Rules} rules), best MB/s: greenlight {g.GreenlightMbS:0.0}, ripgrep on its regexes ")
            + (g.RipgrepMbS is { } rg ? Inv($"{rg:0.0} (ratio {g.GreenlightMbS / rg:0.00})") : $"not run: {g.RipgrepNote}"));
        return t.ToString();
    }

    public static string Json(BenchResult r, GitleaksConfigRun.Result g) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["greenlight_mb_s"] = Math.Round(r.GreenlightBest, 1),
        ["ripgrep_mb_s"] = Math.Round(r.RipgrepBest, 1),
        ["ratio"] = Math.Round(r.Ratio, 3),
        ["recall"] = Math.Round(r.Recall, 4),
        ["ripgrep_recall"] = Math.Round(r.RipgrepRecall, 4),
        ["greenlight_median_mb_s"] = Math.Round(r.GreenlightMedian, 1),
        ["ripgrep_median_mb_s"] = Math.Round(r.RipgrepMedian, 1),
        ["tree_mb"] = Math.Round(r.TreeMb, 1),
        ["files"] = r.Tree.Files,
        ["planted"] = r.Tree.Planted.Count,
        ["false_positives"] = r.FalsePositives.Count,
        ["rounds"] = r.Rounds,
        ["threads"] = r.Threads,
        ["gitleaks_config_mb_s"] = Math.Round(g.GreenlightMbS, 1),
        ["gitleaks_config_ripgrep_mb_s"] = g.RipgrepMbS is { } rg ? Math.Round(rg, 1) : null,
        ["gitleaks_config_ratio"] = g.RipgrepMbS is { } rg2 ? Math.Round(g.GreenlightMbS / rg2, 3) : null,
        ["gitleaks_config_rules"] = g.Rules,
    });

    private static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
