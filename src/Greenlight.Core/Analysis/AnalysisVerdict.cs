using System.Text.Json.Serialization;

namespace Greenlight.Core.Analysis;

/// <summary>
/// One look of a canary analysis step: every metric's verdict and what the step made of them. The live verdict in
/// `status`, a rollout's <c>lastVerdict</c>, the event log's lines and the rollout's reason are all read from it.
/// </summary>
/// <param name="Outcome">Pass: every metric passed, the canary goes on to its next step. Fail: the step failed and the
/// canary is rolled back, because a metric failed or because the analysis failed safe (<paramref name="FailedSafe"/>).
/// Inconclusive: the analysis goes on.</param>
/// <param name="Look">1 for the first look after the warm-up; one look every analysis interval.</param>
/// <param name="Canary">The version judged.</param>
/// <param name="Stable">The version it is judged against.</param>
/// <param name="Elapsed">Since the step began (warm-up included).</param>
/// <param name="MaxDuration">The step's limit: still inconclusive then, it fails safe.</param>
/// <param name="FailedSafe">Why the step failed without any metric failing: a provider that kept failing, or time
/// running out while inconclusive.</param>
public sealed record AnalysisVerdict(
    Verdict Outcome,
    int Look,
    string Canary,
    string Stable,
    TimeSpan Elapsed,
    TimeSpan MaxDuration,
    IReadOnlyList<MetricVerdict> Metrics,
    string? FailedSafe = null)
{
    /// <summary>Every metric in one line, as `status` and the event log print it.</summary>
    public string Summary { get; init; } = string.Join("; ", Metrics.Select(m => m.Text));

    /// <summary>The rollout's reason when the step failed, e.g. <c>analysis failed: error-rate: canary worse …</c>.</summary>
    [JsonIgnore]
    public string FailureReason => FailedSafe is { } why
        ? $"analysis failed safe: {why}"
        : Metrics.FirstOrDefault(m => m.Outcome == Verdict.Fail) is { } failed ? $"analysis failed: {failed.Metric}: {failed.Summary}" : $"analysis failed: {Summary}";

    /// <summary>The same verdict with <paramref name="mask"/> applied to every text in it (secrets out of what is stored and shown).</summary>
    public AnalysisVerdict MapText(Func<string, string> mask) => this with
    {
        Metrics = [.. Metrics.Select(m => m with { Summary = mask(m.Summary) })],
        FailedSafe = FailedSafe is null ? null : mask(FailedSafe),
        Summary = mask(Summary),
    };

    /// <summary>A verdict stored before verdicts had fields: only its words, and it passed (only passes were kept then).</summary>
    public static AnalysisVerdict FromText(string text) => new(Verdict.Pass, 0, "", "", TimeSpan.Zero, TimeSpan.Zero, []) { Summary = text };
}
