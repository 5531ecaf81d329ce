using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Greenlight.Bench.Edge;

/// <summary>
/// kill -9 of the edge, then the time until its public address first answers 2xx again, as a new user would see it: every
/// 5 ms a new connection sends one request, without waiting for the tries still open (a try stuck on a connection that
/// will never answer must not hold back the next one, and no client timeout adds to the figure). The figure is the
/// earliest 2xx. On standard error, what the tries met, runs of the same outcome as one line, to see where the time went.
/// </summary>
internal static class CrashRecovery
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(5);
    private const int MaxOpen = 200;

    public static async Task<int> RunAsync(int edgePid, Uri url, TimeSpan timeout)
    {
        var request = Encoding.ASCII.GetBytes($"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nConnection: close\r\n\r\n");
        using var stop = new CancellationTokenSource(timeout);
        using var edge = Process.GetProcessById(edgePid);
        var start = Stopwatch.GetTimestamp();
        edge.Kill();
        Console.Error.WriteLine($"recover: {DateTime.UtcNow:HH:mm:ss.fff} UTC killed pid {edgePid}");
        var first = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tries = new List<Task<Try>>();
        while (!first.Task.IsCompleted && !stop.IsCancellationRequested)
        {
            if (tries.Count(t => !t.IsCompleted) < MaxOpen)
                tries.Add(TryAsync(url, request, start, first, stop.Token));
            await Task.WhenAny(first.Task, Task.Delay(Every));
        }
        await stop.CancelAsync();
        var outcomes = await Task.WhenAll(tries);
        Print(outcomes);
        if (!first.Task.IsCompleted)
        {
            Console.Error.WriteLine($"no 2xx from {url} within {timeout.TotalSeconds:0}s of the kill");
            return 1;
        }
        var recovered = await first.Task;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{recovered.TotalMilliseconds:0}"));
        return 0;
    }

    /// <param name="Connected">When the kernel accepted the connection (a listening socket was there), if it did.</param>
    private sealed record Try(TimeSpan From, TimeSpan To, TimeSpan? Connected, string What);

    private static async Task<Try> TryAsync(Uri url, byte[] request, long start, TaskCompletionSource<TimeSpan> first, CancellationToken ct)
    {
        var from = Stopwatch.GetElapsedTime(start);
        TimeSpan? connected = null;
        string what;
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(url.Host, url.Port, ct);
            connected = Stopwatch.GetElapsedTime(start);
            await socket.SendAsync(request, ct);
            // "HTTP/1.1 200": the status is all that is read.
            var head = new byte[12];
            for (var read = 0; read < head.Length;)
            {
                var n = await socket.ReceiveAsync(head.AsMemory(read), ct);
                if (n == 0) throw new IOException("closed before answering");
                read += n;
            }
            what = Encoding.ASCII.GetString(head, 9, 3);
            if (what[0] == '2') first.TrySetResult(Stopwatch.GetElapsedTime(start));
        }
        catch (SocketException e)
        {
            what = e.SocketErrorCode.ToString();
        }
        catch (IOException e)
        {
            what = e.Message;
        }
        catch (OperationCanceledException)
        {
            what = "still unanswered when the tries stopped";
        }
        return new Try(from, Stopwatch.GetElapsedTime(start), connected, what);
    }

    private static void Print(IEnumerable<Try> tries)
    {
        var runs = new List<(Try First, Try Last, int Count)>();
        foreach (var t in tries.OrderBy(t => t.From))
        {
            if (runs is [.., var run] && run.First.What == t.What && run.First.Connected.HasValue == t.Connected.HasValue)
                runs[^1] = (run.First, t, run.Count + 1);
            else
                runs.Add((t, t, 1));
        }
        foreach (var (from, last, count) in runs)
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"recover:   {from.What} x{count}: tries started +{from.From.TotalMilliseconds:0}..+{last.From.TotalMilliseconds:0} ms, ended +{from.To.TotalMilliseconds:0}..+{last.To.TotalMilliseconds:0} ms{(from.Connected is { } c ? $", first connected +{c.TotalMilliseconds:0} ms" : "")}"));
    }
}
