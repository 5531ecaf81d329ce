namespace Greenlight.Cli.Demo.Waves;

/// <summary>
/// What `demo --waves` shows at its end; as JSON with snake_case keys (requests, failed_requests, bake_rollback_ms, ...).
/// </summary>
/// <param name="FailedRequests">Requests that failed for any reason but the faulty revision's own injected errors and the
/// killed process's requests in flight: must be 0.</param>
/// <param name="FaultyErrors">Errors the faulty revision itself answered (500s it injects) before it was rolled back.</param>
/// <param name="KilledInFlight">Requests the edge had sent to the killed process, as the edge counted them (transport errors).</param>
/// <param name="BakeRollbackMs">From the bake's failing verdict to the one-box's edge serving the previous revision again.</param>
/// <param name="DriftHealMs">From the kill to the revision serving again, started by the lane's repair.</param>
internal sealed record WavesSummary(
    long Requests,
    long FailedRequests,
    long FaultyErrors,
    long KilledInFlight,
    double BakeRollbackMs,
    double DriftHealMs,
    double Seconds,
    IReadOnlyList<RegionLoad> Regions,
    IReadOnlyList<DemoStep> Steps,
    IReadOnlyList<string> Failures)
{
    public bool Succeeded => FailedRequests == 0 && Steps.All(s => s.AsExpected);
}

/// <summary>The load through one region's edge.</summary>
/// <param name="Region"><c>environment/region</c>.</param>
internal sealed record RegionLoad(string Region, long Requests, long FailedRequests, long FaultyErrors, long KilledInFlight, IReadOnlyDictionary<string, long> ServedBy);
