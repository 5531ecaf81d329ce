namespace Greenlight.Providers.Tests.Metrics.Support;

internal static class Poll
{
    /// <summary>Reads until <paramref name="done"/> holds; fails the test after 10 s with the last reading.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (limit.IsCancellationRequested) Assert.Fail($"timed out waiting until {what}; last: {value}");
            await Task.Delay(10);
        }
    }
}
