using System.Diagnostics;
using System.Globalization;

namespace Greenlight.Bench.Edge;

/// <summary>kill -9 of the edge, then the time until its public address answers 2xx again (a new connection each try, as a
/// new user would open; the load generator's own connections were cut by the kill).</summary>
internal static class CrashRecovery
{
    public static async Task<int> RunAsync(int edgePid, Uri url, TimeSpan timeout)
    {
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromMilliseconds(500) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(1) };
        using var edge = Process.GetProcessById(edgePid);
        var start = Stopwatch.GetTimestamp();
        edge.Kill();
        while (Stopwatch.GetElapsedTime(start) < timeout)
        {
            try
            {
                using var answer = await client.GetAsync(url);
                if (answer.IsSuccessStatusCode)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Stopwatch.GetElapsedTime(start).TotalMilliseconds:0}"));
                    return 0;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Refused or cut while the standby takes over: try again.
            }

            await Task.Delay(5);
        }

        Console.Error.WriteLine($"no 2xx from {url} within {timeout.TotalSeconds:0}s of the kill");
        return 1;
    }
}
