namespace Greenlight.Edge.Tests.Support;

internal static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds; fails the test after <paramref name="timeout"/> (default 10 s).</summary>
    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (cts.IsCancellationRequested) Assert.Fail($"timed out waiting until {what}");
            await Task.Delay(10);
        }
    }
}
