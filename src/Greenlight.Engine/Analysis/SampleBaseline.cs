using Greenlight.Core.Analysis;

namespace Greenlight.Engine.Analysis;

/// <summary>
/// Providers report counters since the revision started; judges want what happened since the
/// analysis began. The first measurement is the baseline every later one is taken against.
/// </summary>
internal static class SampleBaseline
{
    public static RevisionSample Since(RevisionSample baseline, RevisionSample now) => new(
        Minus(now.Requests, baseline.Requests),
        Minus(now.Errors, baseline.Errors),
        Minus(now.Latency, baseline.Latency),
        now.Value);

    // A counter that went down means its source restarted; the difference is meaningless, so missing.
    private static long? Minus(long? now, long? then) => now - then is >= 0 and var d ? d : null;

    private static LatencyHistogram? Minus(LatencyHistogram? now, LatencyHistogram? then)
    {
        if (now is null || then is null || !now.UpperBounds.SequenceEqual(then.UpperBounds))
            return null;
        var counts = now.CumulativeCounts.Zip(then.CumulativeCounts, (a, b) => a - b).ToList();
        return counts.Any(c => c < 0) ? null : now with { CumulativeCounts = counts };
    }
}
