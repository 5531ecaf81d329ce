namespace Greenlight.Core.Analysis;

/// <summary>
/// Compares a canary with the stable revision from cumulative samples. Called at every look (every
/// analysis interval, typically each second) with all data since the analysis began, so its error
/// guarantees must hold under continuous monitoring. Pure: no I/O, no clock, no randomness. One instance
/// judges one analysis: it may remember earlier looks (the latency judge remembers the canary's warm-up).
/// </summary>
public interface IJudge
{
    /// <summary>The key used in the manifest, e.g. <c>errorRate</c>, <c>latency</c>, <c>threshold</c>.</summary>
    string Name { get; }

    JudgeResult Judge(RevisionSample canary, RevisionSample stable);
}
