using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AnalysisBench;

/// <summary>The readable table and the one-line JSON summary (the bench's very last line).</summary>
internal static class Report
{
    public static string Table(IReadOnlyList<ScenarioResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine($"{"scenario",-38} {"method",-12} {"trials",6} {"rolled back",12} {"s to rollback p50/p90",22} {"canary req p50/p90",19}");
        foreach (var (scenario, byMethod) in results)
        {
            foreach (var (method, o) in byMethod)
            {
                text.AppendLine($"{scenario.Title,-38} {method,-12} {o.Trials,6} {Percent(o.RollbackRate),12} "
                    + $"{Pair(o.SecondsToRollback(0.5), o.SecondsToRollback(0.9)),22} {Pair(o.CanaryRequestsToRollback(0.5), o.CanaryRequestsToRollback(0.9)),19}");
            }
        }

        return text.ToString();
    }

    /// <summary>The live A/A as two rows of the table (the real analysis, and the old judges on the same traffic), then its conditions.</summary>
    public static string Live(Live.LiveAaResult live)
    {
        var seconds = live.Canaries.Select(c => c.Seconds).Order().ToList();
        var text = new StringBuilder();
        text.AppendLine($"{"scenario",-38} {"method",-12} {"canaries",8} {"rolled back",12}");
        text.AppendLine($"{"live A/A (real shop, real edge)",-38} {"greenlight",-12} {live.Canaries.Count,8} {Percent(live.FalseRollbackRate),12}");
        text.AppendLine($"{"live A/A (real shop, real edge)",-38} {"plain",-12} {live.Canaries.Count,8} {Percent(live.PlainFalseRollbackRate),12}");
        foreach (var c in live.Canaries.Where(c => c.RolledBack || c.PlainRolledBack))
            text.AppendLine($"  {c.Version}: greenlight {(c.RolledBack ? c.Verdict : "promoted")}; plain {c.Plain}");
        text.AppendLine($"live A/A: {live.RequestsPerSecond} req/s, canary at 50%, {live.Requests} requests ({live.FailedRequests} failed), "
            + $"{Show(seconds.Count == 0 ? null : seconds[(seconds.Count - 1) / 2])} s per canary (median), {live.Seconds:0} s in all; "
            + $"{Environment.ProcessorCount} cores, load average {live.LoadBefore} before, {live.LoadAfter} after");
        return text.ToString();
    }

    public static string Json(Dictionary<string, object?> figures) => JsonSerializer.Serialize(figures);

    public static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Pair(double? median, double? p90) => $"{Show(median)} / {Show(p90)}";

    private static string Show(double? value) => value?.ToString("0", CultureInfo.InvariantCulture) ?? "never";
}
