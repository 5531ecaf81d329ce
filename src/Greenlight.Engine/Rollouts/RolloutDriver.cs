using System.Threading.Channels;
using Greenlight.Core.Rollouts;

namespace Greenlight.Engine.Rollouts;

/// <summary>
/// Runs one rollout: asks the state machine what to do, persists the new state, then executes the
/// effects and feeds their result back. Requests from users (rollback) and from other rollouts
/// (superseded) arrive through <see cref="Signal"/> and are taken before the next effect runs.
/// </summary>
/// <param name="resumed">Picked up after a controller restart, rather than just accepted.</param>
internal sealed partial class RolloutDriver(ReleaseContext ctx, Rollout initial, bool resumed, Func<Rollout, Task> onChanged)
{
    private readonly Channel<Observation> _signals = Channel.CreateUnbounded<Observation>();
    private readonly EffectExecutor _executor = new(ctx);
    // When the last transition was observed and stored, for ControllerMetrics; 0 once its effect started or while nobody listens.
    private (long Observed, long Decided) _transition;

    public Rollout State { get; private set; } = initial;

    public void Signal(Observation observation) => _signals.Writer.TryWrite(observation);

    public async Task RunAsync(CancellationToken ct)
    {
        var effects = await ApplyAsync(new Observation.Resume(resumed), [], ct);
        while (!State.IsTerminal)
        {
            if (_signals.Reader.TryRead(out var signal))
            {
                effects = await ApplyAsync(signal, effects, ct);
                continue;
            }
            if (effects.Count == 0)
            {
                effects = await ApplyAsync(await WaitAsync(ct), effects, ct);
                continue;
            }
            ControllerMetrics.EffectStarts(_transition);
            _transition = default;
            var observation = effects.Any(e => e is Effect.RunAnalysis or Effect.RunChecks or Effect.RunPipeline)
                ? await ExecuteInterruptiblyAsync(effects, ct)
                : await ExecuteAllAsync(effects, ct);
            if (observation is null)
                continue; // a signal (promote, rollback) arrived first: it is taken at the top of the loop
            var phase = State.Phase;
            effects = await ApplyAsync(observation, effects, ct);
            if (observation is Observation.EffectFailed && State.Phase == phase)
                await DelayRetryAsync(ct);
        }
    }

    /// <summary>Returns the effects to run next: the decision's, or the current ones when nothing changed.</summary>
    private async Task<IReadOnlyList<Effect>> ApplyAsync(Observation observation, IReadOnlyList<Effect> current, CancellationToken ct)
    {
        var observedAt = ControllerMetrics.Start();
        var decision = RolloutMachine.Decide(State, observation, ctx.Time.GetUtcNow());
        var changed = decision.State != State;
        if (changed || decision.Log.Count > 0)
            await ctx.Store.SaveRolloutAsync(decision.State, decision.Log, ct);
        if (changed)
        {
            ControllerMetrics.Decided(observedAt);
            _transition = decision.Effects.Count > 0 && observedAt != 0 ? (observedAt, ControllerMetrics.Start()) : default;
        }
        if (Core.Audit.ControllerDecision.Of(State, decision.State, observation) is { } audited)
            await ctx.Store.AppendAsync(audited, ct);
        State = decision.State;
        if (changed)
        {
            LogTransition(ctx.Logger, State.Id, State.Version, State.Phase);
            await onChanged(State);
        }
        return !changed && decision.Effects.Count == 0 ? current : decision.Effects;
    }

    private async Task<Observation> ExecuteAllAsync(IReadOnlyList<Effect> effects, CancellationToken ct)
    {
        Observation last = new Observation.Tick();
        foreach (var effect in effects)
        {
            last = await _executor.ExecuteAsync(State, effect, ct);
            if (last is Observation.EffectFailed or Observation.RevisionDied)
                break;
        }
        return last;
    }

    /// <summary>Waits before the same effects run again, longer after each failed attempt; a signal (abort) cuts it short.</summary>
    private Task DelayRetryAsync(CancellationToken ct) => SignalOrDelayAsync(RolloutMachine.RetryDelay(State.Attempts), ct);

    /// <summary>Pipelines, analyses and checks can take minutes: a promote or a rollback must not wait for them.</summary>
    private async Task<Observation?> ExecuteInterruptiblyAsync(IReadOnlyList<Effect> effects, CancellationToken ct)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var work = ExecuteAllAsync(effects, interrupt.Token);
        var signal = _signals.Reader.WaitToReadAsync(interrupt.Token).AsTask();
        var first = await Task.WhenAny(work, signal);
        await interrupt.CancelAsync();
        if (first == work)
            return await work;
        try
        {
            await work;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Interrupted on purpose.
        }
        ct.ThrowIfCancellationRequested();
        return null;
    }

    /// <summary>Nothing to do until a signal arrives or the rollout's timer (end of warm period or pause) fires.</summary>
    private async Task<Observation> WaitAsync(CancellationToken ct)
    {
        await SignalOrDelayAsync(State.WakeAt is { } until ? Max(until - ctx.Time.GetUtcNow(), TimeSpan.Zero) : Timeout.InfiniteTimeSpan, ct);
        // A signal is read by the main loop; a tick lets the warm timer fire.
        return new Observation.Tick();
    }

    private async Task SignalOrDelayAsync(TimeSpan delay, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var signal = _signals.Reader.WaitToReadAsync(linked.Token).AsTask();
        await Task.WhenAny(signal, Task.Delay(delay, ctx.Time, linked.Token));
        await linked.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
