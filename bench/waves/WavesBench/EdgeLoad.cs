using System.Collections.Concurrent;

namespace WavesBench;

/// <summary>
/// Bounded load through every region's edge: <c>clients</c> request loops per region, each going round the apps' public
/// addresses on that edge, one request after the other. A request fails when it does not get an answer from a revision:
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

    public EdgeLoad(IEnumerable<(string Environment, string Region, string App, string Listen)> addresses, int clients, string plantedVersion)
    {
        _plantedVersion = plantedVersion;
        foreach (var region in addresses.GroupBy(a => (a.Environment, a.Region)))
        {
            var targets = region.Select(a => (Where: $"{a.Environment}/{a.Region} {a.App}", Uri: new Uri($"http://{a.Listen}/"))).ToArray();
            for (var c = 0; c < clients; c++)
            {
                var first = c * targets.Length / clients;
                _loops.Add(Task.Run(() => LoopAsync(targets, first)));
            }
        }
    }

    public long Requests => Interlocked.Read(ref _requests);
    public long Failed => Interlocked.Read(ref _failed);
    public long Planted => Interlocked.Read(ref _planted);

    /// <summary>The first few failures, for the report.</summary>
    public IReadOnlyList<string> Failures => [.. _failures.Take(5)];

    private async Task LoopAsync((string Where, Uri Uri)[] targets, int next)
    {
        while (!_stop.IsCancellationRequested)
        {
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
