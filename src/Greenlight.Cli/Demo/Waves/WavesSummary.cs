namespace Greenlight.Cli.Demo.Waves;

/// <summary>
/// What `demo --waves` shows at its end; as JSON with snake_case keys (requests, failed_requests, bake_rollback_ms, ...).
/// </summary>
/// <param name="FailedRequests">Requests that failed for any reason but the faulty revision's own injected errors and the
/// kill's (<paramref name="LostToKill"/>): must be 0.</param>
/// <param name="FaultyErrors">Errors the faulty revision itself answered (500s it injects) before it was rolled back.</param>
/// <param name="LostToKill">Requests through the killed revision's region that failed between the kill and the revision
/// serving again (in flight to the killed process, or sent to it before it left the route).</param>
/// <param name="BakeRollbackMs">From the bake's failing verdict to the one-box's edge serving the previous revision again.</param>
/// <param name="DriftHealMs">From the kill to the revision serving again, started by the lane's repair.</param>
internal sealed record WavesSummary(
    long Requests,
    long FailedRequests,
    long FaultyErrors,
    long LostToKill,
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
internal sealed record RegionLoad(string Region, long Requests, long FailedRequests, long FaultyErrors, long LostToKill, IReadOnlyDictionary<string, long> ServedBy);
