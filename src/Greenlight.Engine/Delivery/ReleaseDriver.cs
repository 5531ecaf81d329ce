using System.Threading.Channels;
using Greenlight.Core.Delivery;
using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Delivery;

/// <summary>
/// Runs one release through its environments: asks <see cref="ReleaseMachine"/> what to do, persists the new state, then
/// carries out the effects (rollouts in regions, region rollbacks, bakes, soaks, timers), whose results come back as
/// observations. Requests (promote, abort) are decided in the same loop, so they never race a transition.
/// </summary>
internal sealed partial class ReleaseDriver(DeliveryContext ctx, Release initial, bool resumed)
{
    private readonly Channel<(ReleaseObservation Observation, TaskCompletionSource<Refusal?>? Answer)> _inbox = Channel.CreateUnbounded<(ReleaseObservation, TaskCompletionSource<Refusal?>?)>();
    private readonly SemaphoreSlim _saving = new(1, 1);
    private readonly CancellationTokenSource _effects = new();
    // A bake or soak ends with a verdict of its own (a metric that never passed fails it); the wake that ends it at the
    // same moment waits for that verdict, so that the tick never passes what the verdict fails.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<DateTimeOffset, Task> _watches = new();

    public Release State { get; private set; } = initial;

    /// <summary>Decides a request in the release's loop; the answer is why it was refused, or null.</summary>
    public Task<Refusal?> RequestAsync(ReleaseObservation request)
    {
        var answer = new TaskCompletionSource<Refusal?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.Writer.TryWrite((request, answer));
        return answer.Task;
    }

    private void Observe(ReleaseObservation observation) => _inbox.Writer.TryWrite((observation, null));

    public async Task RunAsync(CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, _effects.Token);
        try
        {
            if (!await GateAsync(ct))
                return;
            await ApplyAsync(new ReleaseObservation.Resume(resumed), null, stop.Token);
            while (!State.IsTerminal)
            {
                var (observation, answer) = await _inbox.Reader.ReadAsync(ct);
                await ApplyAsync(observation, answer, stop.Token);
            }
        }
        finally
        {
            await _effects.CancelAsync(); // bakes and soaks of a release that ended stop with it
            while (_inbox.Reader.TryRead(out var left))
                left.Answer?.TrySetResult(new Refusal($"release {State.Id} is {State.Phase}", Forbidden: false));
        }
    }

    private async Task ApplyAsync(ReleaseObservation observation, TaskCompletionSource<Refusal?>? answer, CancellationToken ct)
    {
        var before = State;
        var decision = ReleaseMachine.Decide(State, observation, ctx.Time.GetUtcNow());
        if (decision.State != State || decision.Log.Count > 0)
            await SaveAsync(_ => decision.State, decision.Log, ct);
        if (Core.Audit.ControllerDecision.Of(before, decision.State, observation) is { } audited)
            await ctx.Store.AppendAsync(audited, ct);
        answer?.TrySetResult(decision.Refused is { } refused ? new Refusal(refused, decision.Forbidden) : null);
        foreach (var effect in decision.Effects)
        {
            var running = Task.Run(() => ExecuteAsync(effect, ct), CancellationToken.None);
            if (effect is ReleaseEffect.StartBake { Until: var bakeEnds })
                _watches[bakeEnds] = running;
            else if (effect is ReleaseEffect.StartSoak { Until: var soakEnds })
                _watches[soakEnds] = running;
        }
    }

    /// <summary>Saves the release changed by <paramref name="change"/>, from the loop or from an effect keeping its books.</summary>
    private async Task SaveAsync(Func<Release, Release> change, IReadOnlyList<string> log, CancellationToken ct)
    {
        await _saving.WaitAsync(ct);
        try
        {
            var next = change(State) with { Rollouts = State.Rollouts };
            await ctx.Store.SaveReleaseAsync(next, log, ct);
            State = next;
            ctx.Saved();
        }
        finally
        {
            _saving.Release();
        }
    }

    private Task LogAsync(string message) => ctx.Store.AppendEventAsync(State.Id, message, null, CancellationToken.None);

    private async Task ExecuteAsync(ReleaseEffect effect, CancellationToken ct)
    {
        try
        {
            var observation = effect switch
            {
                ReleaseEffect.StartRollout s => await RollOutAsync(s.Environment, s.Region, ct),
                ReleaseEffect.RollBackRegion b => await RollBackAsync(b.Environment, b.Region, ct),
                ReleaseEffect.StartBake b => await JudgeLiveAsync(b.Environment, b.Regions, b.Until, "bake", ct) is { } why
                    ? new ReleaseObservation.BakeVerdict(b.Environment, b.Wave, false, why) : null,
                ReleaseEffect.StartSoak s => await JudgeLiveAsync(s.Environment, s.Regions, s.Until, "soak", ct) is { } why
                    ? new ReleaseObservation.SoakFailed(s.Environment, why) : null,
                ReleaseEffect.Wake w => await WakeAsync(w.At, ct),
                _ => throw new InvalidOperationException($"unknown effect {effect}"),
            };
            if (observation is not null)
                Observe(observation);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The controller stops or the release ended: a resumed driver issues its effects again.
        }
        catch (Exception e)
        {
            LogEffectFailed(ctx.Logger, e, State.Id, effect.ToString());
            Observe(effect switch
            {
                ReleaseEffect.StartRollout s => new ReleaseObservation.RolloutEnded(s.Environment, s.Region, RolloutResult.Failed, e.Message),
                ReleaseEffect.RollBackRegion b => new ReleaseObservation.RegionRollbackFailed(b.Environment, b.Region, e.Message),
                ReleaseEffect.StartBake b => new ReleaseObservation.BakeVerdict(b.Environment, b.Wave, false, $"cannot judge the bake: {e.Message}"),
                ReleaseEffect.StartSoak s => new ReleaseObservation.SoakFailed(s.Environment, $"cannot judge the soak: {e.Message}"),
                _ => new ReleaseObservation.Tick(),
            });
        }
    }

    /// <summary>The clock is read again at least every minute: a timer due in whole milliseconds may fire a fraction of a
    /// millisecond early (a tick then finds nothing due, and nothing would wake the release again), and the wall clock may
    /// move under a long wait (a machine suspended, a clock set): a window opens when the clock says so.</summary>
    private async Task<ReleaseObservation?> WakeAsync(DateTimeOffset at, CancellationToken ct)
    {
        for (var wait = at - ctx.Time.GetUtcNow(); wait > TimeSpan.Zero; wait = at - ctx.Time.GetUtcNow())
            await Task.Delay(wait < MaxSleep ? wait + TimeSpan.FromMilliseconds(1) : MaxSleep, ctx.Time, ct);
        if (_watches.TryRemove(at, out var watch))
            await watch; // its verdict is observed first
        return new ReleaseObservation.Tick();
    }

    private static readonly TimeSpan MaxSleep = TimeSpan.FromMinutes(1);

    [LoggerMessage(1, LogLevel.Error, "Release {Release}: effect {Effect} failed")]
    private static partial void LogEffectFailed(ILogger logger, Exception e, string release, string effect);
}

/// <summary>Why a request to a release was refused; <paramref name="Forbidden"/>: by a rule about who asked.</summary>
internal sealed record Refusal(string Reason, bool Forbidden);
