namespace Greenlight.Core.Analysis;

/// <summary>
/// <c>threshold</c>: plain bounds on the canary alone (error rate, a latency quantile, a single value),
/// the Flagger-style check. Stable is not consulted. Looking often at a fixed bound raises the chance
/// that noise crosses it once, so this judge suits bounds set well clear of normal behaviour.
/// </summary>
internal sealed class ThresholdJudge(ThresholdJudgeOptions options) : IJudge
{
    private readonly string _quantile = JudgeText.QuantileName(options.Quantile);

    public string Name => Judges.Threshold;

    public JudgeResult Judge(RevisionSample canary, RevisionSample stable)
    {
        var requests = canary.Requests ?? canary.Latency?.Count;
        if (options.MinRequests > 0 && requests is null) return JudgeText.Inconclusive(JudgeText.Missing("canary", "request count"));
        if (requests < options.MinRequests)
            return JudgeText.Inconclusive($"too little traffic: {requests} of the {options.MinRequests} canary requests needed");

        var numbers = new Dictionary<string, double>();
        if (requests is { } n) numbers["canary_requests"] = n;
        var checks = new[] { ErrorRate(canary, numbers), Latency(canary, numbers), Value(canary, numbers) }.OfType<Check>().ToList();
        if (checks.FirstOrDefault(c => c.Missing) is { } missing) return new JudgeResult(Verdict.Inconclusive, missing.Text, numbers);

        var broken = checks.Where(c => !c.Within).Select(c => c.Text).ToList();
        return broken.Count > 0
            ? new JudgeResult(Verdict.Fail, "out of bounds: " + string.Join("; ", broken), numbers)
            : new JudgeResult(Verdict.Pass, "within bounds: " + string.Join("; ", checks.Select(c => c.Text)), numbers);
    }

    private Check? ErrorRate(RevisionSample canary, Dictionary<string, double> numbers)
    {
        if (options.MaxErrorRate is not { } max) return null;
        numbers["max_error_rate"] = max;
        if (canary is not { Requests: > 0, Errors: { } errors }) return Check.Absent(JudgeText.Missing("canary", "error rate (requests and errors)"));
        if (errors < 0 || errors > canary.Requests) return Check.Absent($"canary error count {errors} is not within its {canary.Requests} requests");
        var rate = (double)errors / canary.Requests.Value;
        numbers["canary_rate"] = rate;
        return new Check(rate <= max, false, $"error rate {JudgeText.Percent(rate)} (max {JudgeText.Percent(max)})");
    }

    private Check? Latency(RevisionSample canary, Dictionary<string, double> numbers)
    {
        if (options.MaxLatencyMs is not { } maxMs) return null;
        numbers["max_latency_ms"] = maxMs;
        numbers["quantile"] = options.Quantile;
        if (canary.Latency is not { Count: > 0 } histogram) return Check.Absent(JudgeText.Missing("canary", "latency histogram"));
        if (HistogramMath.Problem(histogram) is { } problem) return Check.Absent($"canary latency histogram unreadable: {problem}");
        if (HistogramMath.Quantile(histogram, options.Quantile) is { } seconds)
        {
            numbers["latency_ms"] = seconds * 1000;
            return new Check(seconds * 1000 <= maxMs, false, $"{_quantile} {JudgeText.Milliseconds(seconds)} (max {maxMs} ms)");
        }

        // Beyond the largest finite bucket the quantile is only known to exceed that bucket's bound.
        var largestMs = histogram.UpperBounds[^2] * 1000;
        return largestMs >= maxMs
            ? new Check(false, false, $"{_quantile} above {largestMs} ms, the largest bucket (max {maxMs} ms)")
            : Check.Absent($"canary {_quantile} lies beyond the largest finite bucket ({largestMs} ms): cannot compare with {maxMs} ms");
    }

    private Check? Value(RevisionSample canary, Dictionary<string, double> numbers)
    {
        if (options.MinValue is null && options.MaxValue is null) return null;
        if (options.MinValue is { } min) numbers["min_value"] = min;
        if (options.MaxValue is { } max) numbers["max_value"] = max;
        if (canary.Value is not { } value || double.IsNaN(value)) return Check.Absent(JudgeText.Missing("canary", "value"));
        numbers["value"] = value;
        var within = !(value < options.MinValue) && !(value > options.MaxValue);
        return new Check(within, false, $"value {value:G6} (range {options.MinValue?.ToString("G6") ?? "-inf"} to {options.MaxValue?.ToString("G6") ?? "+inf"})");
    }

    private sealed record Check(bool Within, bool Missing, string Text)
    {
        public static Check Absent(string text) => new(false, true, text);
    }
}
