namespace Greenlight.Engine.Tests.Checks;

/// <summary>
/// A clock that moves only when the test calls <see cref="Advance"/>, which fires the timers that fall due.
/// Timers are one-shot, which is all a <see cref="CancellationTokenSource"/> timeout needs.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<Timer> timers = [];
    private long now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddTicks(GetTimestamp());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, () => callback(state));
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Whether some timer would fire if the clock moved on by <paramref name="by"/>: a loop that has gone to sleep.</summary>
    public bool HasTimerDueWithin(TimeSpan by)
    {
        lock (gate)
        {
            return timers.Any(t => t.DueAt <= now + by.Ticks);
        }
    }

    public void Advance(TimeSpan by)
    {
        List<Timer> due;
        lock (gate)
        {
            now += by.Ticks;
            due = [.. timers.Where(t => t.DueAt <= now)];
            timers.RemoveAll(due.Contains);
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private sealed class Timer(ManualTimeProvider clock, Action fire) : ITimer
    {
        public long DueAt { get; private set; }

        public void Fire() => fire();

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.gate)
            {
                clock.timers.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueAt = clock.now + dueTime.Ticks;
                    clock.timers.Add(this);
                }
            }

            return true;
        }

        public void Dispose() => Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
