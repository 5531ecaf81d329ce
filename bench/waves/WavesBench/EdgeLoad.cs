using System.Collections.Concurrent;

namespace WavesBench;

/// <summary>
/// Bounded load through every region's edge: <c>clients</c> request loops per region, each going round the apps' public
/// addresses on that edge, one request after the other, together <c>rate</c> requests a second per region (0: each as
/// fast as the answers come, which saturates a machine). A request fails when it does not get an answer from a revision:
/// a transport error, or a status the service never sends. The planted 500s of the faulty version (answered by the
/// revision itself, with its version header) are counted apart.
/// </summary>
internal sealed class EdgeLoad : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly string _plantedVersion;
    private long _requests, _failed, _planted;

    public EdgeLoad(IEnumerable<(string Environment, string Region, string App, string Listen)> addresses, int clients, int rate, string plantedVersion)
    {
        _plantedVersion = plantedVersion;
        var every = rate == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)clients / rate);
        foreach (var region in addresses.GroupBy(a => (a.Environment, a.Region)))
        {
            var targets = region.Select(a => (Where: $"{a.Environment}/{a.Region} {a.App}", Uri: new Uri($"http://{a.Listen}/"))).ToArray();
            for (var c = 0; c < clients; c++)
            {
                var first = c * targets.Length / clients;
                _loops.Add(Task.Run(() => LoopAsync(targets, first, every)));
            }
        }
    }

    public long Requests => Interlocked.Read(ref _requests);
    public long Failed => Interlocked.Read(ref _failed);
    public long Planted => Interlocked.Read(ref _planted);

    /// <summary>The first few failures, for the report.</summary>
    public IReadOnlyList<string> Failures => [.. _failures.Take(5)];

    private async Task LoopAsync((string Where, Uri Uri)[] targets, int next, TimeSpan every)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var due = TimeSpan.Zero;
        while (!_stop.IsCancellationRequested)
        {
            // Paced on a schedule, not after each answer: a slow answer is followed by the next request at once.
            if ((due += every) - clock.Elapsed is { Ticks: > 0 } wait)
            {
                try
                {
                    await Task.Delay(wait, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            var (where, uri) = targets[next++ % targets.Length];
            try
            {
                using var response = await _http.GetAsync(uri, _stop.Token);
                var version = response.Headers.TryGetValues("X-Service-Version", out var v) ? v.Single() : null;
                if ((int)response.StatusCode == 500 && version == _plantedVersion)
                    Interlocked.Increment(ref _planted);
                else if (!response.IsSuccessStatusCode || version is null)
                    Fail($"{where}: HTTP {(int)response.StatusCode} (version {version ?? "none"})");
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                Fail($"{where}: {e.GetType().Name}: {e.Message}");
            }
            catch (Exception)
            {
                return; // the load is over: a request cut short by the stop is not a failure of the edge
            }
            Interlocked.Increment(ref _requests);
        }
    }

    private void Fail(string what)
    {
        Interlocked.Increment(ref _failed);
        if (_failures.Count < 5)
            _failures.Enqueue(what);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        _http.Dispose();
        _stop.Dispose();
    }
}
