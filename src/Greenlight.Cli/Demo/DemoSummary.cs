namespace Greenlight.Cli.Demo;

/// <summary>What the demo shows at its end; as JSON with snake_case keys (requests, failed_requests, flip_ms, rollback_ms).</summary>
internal sealed record DemoSummary(
    long Requests,
    long FailedRequests,
    double FlipMs,
    double RollbackMs,
    IReadOnlyDictionary<string, long> ServedBy,
    IReadOnlyList<DemoStep> Steps,
    IReadOnlyList<string> Failures)
{
    public bool Succeeded => FailedRequests == 0 && Steps.All(s => s.AsExpected);
}

internal sealed record DemoStep(string Name, string Expected, string Outcome, bool AsExpected, double Seconds);
