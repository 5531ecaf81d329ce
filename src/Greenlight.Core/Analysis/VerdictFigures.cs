using System.Text.Json.Serialization;

namespace Greenlight.Core.Analysis;

/// <summary>One revision's figures in a verdict; each is null when the judge did not use it.</summary>
/// <param name="Requests">Requests counted (for <c>latency</c>, those since the canary's warm-up ended).</param>
/// <param name="Errors">Failed requests (<c>errorRate</c>, and <c>threshold</c> with a maximum error rate).</param>
/// <param name="Slow">Requests slower than the judge's line (<c>latency</c>); fractional, read from histogram buckets.</param>
/// <param name="Rate">Errors or slow requests per request.</param>
/// <param name="LatencyMs">The canary's latency at the threshold's quantile (<c>threshold</c> with a maximum latency).</param>
/// <param name="Value">The single value a <c>threshold</c> judge bounds.</param>
public sealed record RevisionFigures(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Requests,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Errors = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Slow = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Rate = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? LatencyMs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Value = null)
{
    [JsonIgnore]
    internal bool IsEmpty => this == new RevisionFigures(Requests: null);
}

/// <summary>
/// The sequential test's mixture likelihood ratios (e-values) at this look: the canary fails once <see cref="Fail"/>
/// reaches <see cref="FailBound"/> (1/alpha) and passes once <see cref="Pass"/> reaches <see cref="PassBound"/> (1/beta).
/// </summary>
public sealed record Evidence(double Fail, double FailBound, double Pass, double PassBound);

/// <summary>The limits a judge holds the canary to; each is null when that judge has no such limit.</summary>
/// <param name="MaxRatio"><c>errorRate</c>, <c>latency</c>: the canary passes when its rate is shown below this many times stable's (1 + tolerance).</param>
/// <param name="Quantile"><c>latency</c>, <c>threshold</c>: the quantile compared, e.g. <c>p99</c>.</param>
/// <param name="StableMs"><c>latency</c>: stable's latency at the quantile.</param>
/// <param name="LineMs"><c>latency</c>: stable's quantile plus the margin; canary requests above it count as slow.</param>
/// <param name="MaxErrorRate"><c>threshold</c>: the highest error rate accepted.</param>
/// <param name="MaxLatencyMs"><c>threshold</c>: the highest latency accepted at the quantile.</param>
/// <param name="MinValue"><c>threshold</c>: the lowest value accepted.</param>
/// <param name="MaxValue"><c>threshold</c>: the highest value accepted.</param>
public sealed record JudgeThreshold(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MaxRatio = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Quantile = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? StableMs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? LineMs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MaxErrorRate = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MaxLatencyMs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MinValue = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MaxValue = null)
{
    [JsonIgnore]
    internal bool IsEmpty => this == new JudgeThreshold();
}
