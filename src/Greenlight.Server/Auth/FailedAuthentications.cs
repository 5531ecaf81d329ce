using System.Collections.Concurrent;

namespace Greenlight.Server.Auth;

/// <summary>
/// Slows down guessing: from the fifth wrong token in a row from one source address (<see cref="Free"/> go free), it is
/// refused (429) for 1 s, then 2 s, 4 s ... up to <see cref="MaxDelay"/>, before any token it sends is looked at.
/// A call without any token is no guess and does not count; a right token clears the address.
/// </summary>
internal sealed class FailedAuthentications(TimeProvider time)
{
    public const int Free = 4;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(15);
    private const int Remembered = 10_000;
    private readonly ConcurrentDictionary<string, Source> _sources = new();

    /// <summary>How long <paramref name="address"/> must still wait; null when it may try now.</summary>
    public TimeSpan? WaitFor(string address)
    {
        var now = time.GetUtcNow();
        return _sources.TryGetValue(address, out var source) && source.Until > now ? source.Until - now : null;
    }

    public void Failed(string address)
    {
        var now = time.GetUtcNow();
        _sources.AddOrUpdate(address, _ => Next(0, now), (_, source) => Next(now - source.Last > Forget ? 0 : source.Failures, now));
        if (_sources.Count > Remembered)
            foreach (var (key, source) in _sources)
                if (now - source.Last > Forget)
                    _sources.TryRemove(key, out _);
    }

    public void Succeeded(string address) => _sources.TryRemove(address, out _);

    private static Source Next(int failuresBefore, DateTimeOffset now)
    {
        var failures = failuresBefore + 1;
        var delay = failures <= Free ? TimeSpan.Zero
            : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - Free - 1), MaxDelay.TotalSeconds));
        return new Source(failures, now, now + delay);
    }

    private sealed record Source(int Failures, DateTimeOffset Last, DateTimeOffset Until);
}
