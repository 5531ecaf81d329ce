using System.Text.Json.Serialization;

namespace Greenlight.Core.Analysis;

/// <summary>
/// What one metric's judge concluded at one look, as fields: the record `status`, `history`, the event log and their
/// JSON all read, so that a script never parses the words of <see cref="Summary"/>.
/// </summary>
/// <param name="Metric">The metric's name in the manifest.</param>
/// <param name="Judge"><c>errorRate</c>, <c>latency</c> or <c>threshold</c>.</param>
/// <param name="Outcome">Inconclusive too while the provider has given no data.</param>
/// <param name="Summary">The judge's own words, or why there is no data yet.</param>
/// <param name="Canary">The canary's figures since the analysis began (for <c>latency</c>: since its warm-up ended).</param>
/// <param name="Stable">Stable's figures over the same time; null for <c>threshold</c>, which does not consult it.</param>
/// <param name="Evidence">The sequential test's statistics against their bounds; null for <c>threshold</c>.</param>
/// <param name="Threshold">The limits the judge holds the canary to.</param>
public sealed record MetricVerdict(
    string Metric,
    string Judge,
    Verdict Outcome,
    string Summary,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RevisionFigures? Canary = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RevisionFigures? Stable = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Evidence? Evidence = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JudgeThreshold? Threshold = null)
{
    /// <summary>One line: <c>error-rate Pass: canary within 2x stable …</c>.</summary>
    [JsonIgnore]
    public string Text => $"{Metric} {Outcome}: {Summary}";

    /// <summary>A metric whose provider has not answered yet (or failed this time): Inconclusive, saying why.</summary>
    public static MetricVerdict NoData(string metric, string judge, string? error) =>
        new(metric, judge, Verdict.Inconclusive, $"no data yet ({error ?? "waiting"})");

    /// <summary>The judge's result with its numbers (<see cref="JudgeResult.Numbers"/>, keyed as the judges write them) as fields.</summary>
    public static MetricVerdict Of(string metric, string judge, JudgeResult result)
    {
        var n = result.Numbers;
        double? N(string key) => n.TryGetValue(key, out var value) ? value : null;
        var canary = new RevisionFigures(N("canary_requests"), N("canary_errors"), N("canary_slow"), N("canary_rate"), N("latency_ms"), N("value"));
        var stable = new RevisionFigures(N("stable_requests"), N("stable_errors"), N("stable_slow"), N("stable_rate"));
        var evidence = N("statistic") is { } fail && N("bound") is { } failBound && N("pass_statistic") is { } pass && N("pass_bound") is { } passBound
            ? new Evidence(fail, failBound, pass, passBound)
            : null;
        var threshold = new JudgeThreshold(
            N("tolerance") + 1, Quantile(N("quantile")), Milliseconds(N("threshold_seconds")), Milliseconds(N("canary_threshold_seconds")),
            N("max_error_rate"), N("max_latency_ms"), N("min_value"), N("max_value"));
        return new MetricVerdict(metric, judge, result.Verdict, result.Summary,
            canary.IsEmpty ? null : canary, stable.IsEmpty ? null : stable, evidence, threshold.IsEmpty ? null : threshold);
    }

    private static double? Milliseconds(double? seconds) => seconds * 1000;

    private static string? Quantile(double? q) => q is { } value ? JudgeText.QuantileName(value) : null;
}
