using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Greenlight.Engine.Rollouts;

/// <summary>
/// How fast the controller turns what it observes into persisted decisions and those into effects, published as the
/// meter <see cref="MeterName"/> for whoever listens (bench/controller, dotnet-counters, an OpenTelemetry exporter).
/// Off unless something listens: each record is then one check of a flag.
/// </summary>
public static class ControllerMetrics
{
    public const string MeterName = "Greenlight.Controller";

    /// <summary>Milliseconds from an observation (an effect's result, a signal, a timer) to the new rollout state stored.</summary>
    public const string DecisionDelay = "greenlight.rollout.decision_delay";

    /// <summary>Milliseconds from a stored decision to the first of its effects starting.</summary>
    public const string EffectDelay = "greenlight.rollout.effect_delay";

    /// <summary>Milliseconds from an observation to the first effect of its decision starting: the two delays above together.</summary>
    public const string ReactionDelay = "greenlight.rollout.reaction_delay";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Decisions = Meter.CreateHistogram<double>(DecisionDelay, "ms", "From an observation to its decision persisted");
    private static readonly Histogram<double> Effects = Meter.CreateHistogram<double>(EffectDelay, "ms", "From a persisted decision to its first effect starting");
    private static readonly Histogram<double> Reactions = Meter.CreateHistogram<double>(ReactionDelay, "ms", "From an observation to the first effect of its decision starting");

    /// <summary>A timestamp to measure from, or 0 while nobody listens.</summary>
    internal static long Start() => Decisions.Enabled || Effects.Enabled || Reactions.Enabled ? Stopwatch.GetTimestamp() : 0;

    internal static void Decided(long observedAt)
    {
        if (observedAt != 0)
            Decisions.Record(Stopwatch.GetElapsedTime(observedAt).TotalMilliseconds);
    }

    internal static void EffectStarts((long Observed, long Decided) at)
    {
        if (at.Decided == 0)
            return;
        var now = Stopwatch.GetTimestamp();
        Effects.Record(Stopwatch.GetElapsedTime(at.Decided, now).TotalMilliseconds);
        Reactions.Record(Stopwatch.GetElapsedTime(at.Observed, now).TotalMilliseconds);
    }
}
