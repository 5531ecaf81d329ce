using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Greenlight.Engine.Rollouts;

namespace ControllerBench;

/// <summary>
/// Listens to the controller's own delay measurements (<see cref="ControllerMetrics"/>): for each rollout transition,
/// observation to persisted decision, decision to its effect starting, and the two together. Collected only while
/// <see cref="Recording"/>: the run's measured phase.
/// </summary>
internal sealed class Delays : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _values = new();

    public Delays()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ControllerMetrics.MeterName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (Recording)
                _values.GetOrAdd(instrument.Name, _ => []).Add(value);
        });
        _listener.Start();
    }

    public volatile bool Recording;

    /// <summary>Observation to persisted decision, one per transition: the transitions counted.</summary>
    public IReadOnlyList<double> Decision => Of(ControllerMetrics.DecisionDelay);

    public IReadOnlyList<double> Effect => Of(ControllerMetrics.EffectDelay);

    public IReadOnlyList<double> Reaction => Of(ControllerMetrics.ReactionDelay);

    /// <summary>The values recorded so far, each sorted, and a fresh start for the next phase.</summary>
    public (IReadOnlyList<double> Decision, IReadOnlyList<double> Effect, IReadOnlyList<double> Reaction) Take()
    {
        var taken = (Decision, Effect, Reaction);
        _values.Clear();
        return taken;
    }

    private List<double> Of(string name) => _values.TryGetValue(name, out var bag) ? [.. bag.Order()] : [];

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public void Dispose() => _listener.Dispose();
}
