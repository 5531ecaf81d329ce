namespace Greenlight.Cli.Demo;

/// <summary>
/// What the demo shows at its end; as JSON with snake_case keys (requests, failed_requests, flip_ms, rollback_ms, ...).
/// </summary>
/// <param name="FailedRequests">Requests that failed for any reason but the faulty canary's own injected errors: must be 0.</param>
/// <param name="CanaryErrors">Errors the faulty canary itself answered before its analysis pulled it back.</param>
/// <param name="CanaryRollbackMs">From the analysis verdict to the last in-flight canary request finishing.</param>
internal sealed record DemoSummary(
    long Requests,
    long FailedRequests,
    long CanaryErrors,
    double FlipMs,
    double RollbackMs,
    double CanaryRollbackMs,
    IReadOnlyDictionary<string, long> ServedBy,
    IReadOnlyList<DemoStep> Steps,
    IReadOnlyList<string> Failures)
{
    public bool Succeeded => FailedRequests == 0 && Steps.All(s => s.AsExpected);
}

/// <param name="Verdict">Why it ended so: the failure or the analysis verdict, with its numbers.</param>
internal sealed record DemoStep(string Name, string Expected, string Outcome, string? Verdict, bool AsExpected, double Seconds);
