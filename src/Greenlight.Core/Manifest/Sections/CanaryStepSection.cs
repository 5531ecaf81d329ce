using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary>One canary step: a mapping with exactly one key, <c>setWeight</c>, <c>pause</c> or <c>analysis</c>.</summary>
internal static class CanaryStepSection
{
    public static CanaryStep? Read(NodeReader r, WeightTrail weights)
    {
        // Every key present is read, even when there are several, so that all of their problems are reported.
        var steps = r.ExactlyOne("no step type", "setWeight", "pause", "analysis")
            .Select(kind => kind switch
            {
                "setWeight" => weights.Read(r),
                "pause" => r.Map("pause", ReadPause),
                _ => r.Map("analysis", ReadAnalysis),
            })
            .ToList();
        return steps is [var step] ? step : null;
    }

    /// <summary>Without a duration the pause lasts until <c>greenlight promote</c>; <c>duration:</c> alone is an error, not that.</summary>
    private static CanaryStep ReadPause(NodeReader r) =>
        new(CanaryStepKind.Pause, Duration: r.Has("duration") ? r.Required("duration", Scalars.Duration) : null);

    private static CanaryStep ReadAnalysis(NodeReader r) =>
        new(CanaryStepKind.Analysis, Duration: r.Optional("maxDuration", Scalars.Duration, CanaryStep.DefaultAnalysisDuration));
}

/// <summary>The setWeight steps of one canary so far: each weight must exceed the previous one, and one must exist.</summary>
internal sealed class WeightTrail
{
    private static readonly Scalar<int> Weight = Scalars.Int(1, 100, "a weight in percent");

    private int previous;

    /// <summary>True once any step has a setWeight key, valid or not, so that a bad weight is not also reported as missing.</summary>
    public bool Seen { get; private set; }

    public CanaryStep? Read(NodeReader r)
    {
        Seen = true;

        // A shrinking weight would move users the canary already served back to stable mid-rollout;
        // pulling traffic back is what abort and rollback are for.
        var last = previous;
        var weight = r.Required("setWeight", Weight.Where(
            value => value > last, $"more than {last}, the previous setWeight: a canary's weight only grows (greenlight abort pulls it back)"));
        if (weight == 0)
        {
            return null; // not a weight: 0 is what Required returns after reporting the problem
        }

        previous = weight;
        return new CanaryStep(CanaryStepKind.SetWeight, weight);
    }
}
