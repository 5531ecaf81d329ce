namespace Greenlight.Engine.Audit;

/// <summary>
/// When the log signs a checkpoint: at its first entry, then once <see cref="Entries"/> entries or <see cref="Interval"/>
/// have passed since the last one, checked at each append; a running controller also signs an idle tail every
/// <see cref="Interval"/> and when it stops. A cut tail is detectable back to the last checkpoint only, so these bound
/// what can go unnoticed: at most 1,000 entries or 5 minutes' worth.
/// </summary>
public sealed record CheckpointPolicy(int Entries, TimeSpan Interval)
{
    public static readonly CheckpointPolicy Default = new(1000, TimeSpan.FromMinutes(5));

    public bool Due(long seq, (long Seq, DateTimeOffset Time)? last, DateTimeOffset now) =>
        last is not { } c || seq - c.Seq >= Entries || (seq > c.Seq && now - c.Time >= Interval);
}
