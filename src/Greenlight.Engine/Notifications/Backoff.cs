namespace Greenlight.Engine.Notifications;

/// <summary>
/// When a failed delivery is tried again: exponential from <see cref="First"/>, doubled per failure up to <see cref="Max"/>,
/// with "equal jitter" (between half and all of it) so that receivers coming back are not hit by every controller at once.
/// A receiver's own <c>Retry-After</c> (429, 503) is honoured as asked, up to <see cref="MaxRetryAfter"/>.
/// After <see cref="MaxAttempts"/> attempts (about an hour and a half of trying) the delivery is given up.
/// </summary>
internal static class Backoff
{
    public const int MaxAttempts = 15;
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(1);

    /// <param name="failures">The failed attempts so far, at least 1.</param>
    public static TimeSpan After(int failures, TimeSpan? retryAfter, Random random)
    {
        if (retryAfter is { } asked)
            return asked < MaxRetryAfter ? asked : MaxRetryAfter;
        var ceiling = First * Math.Pow(2, Math.Min(failures - 1, 30));
        if (ceiling > Max)
            ceiling = Max;
        return ceiling * (0.5 + random.NextDouble() / 2);
    }
}
