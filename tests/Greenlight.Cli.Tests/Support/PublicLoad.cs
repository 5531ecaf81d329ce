using System.Diagnostics;

namespace Greenlight.Cli.Tests.Support;

/// <summary>A few clients sending requests to the public address back to back, counting what succeeds and when.</summary>
internal sealed class PublicLoad : IDisposable
{
    private const int Clients = 4;
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _clients;
    private long _successes;
    private long _failures;
    private readonly System.Collections.Concurrent.ConcurrentQueue<(long Started, long Completed)> _answered = new();

    public PublicLoad(string listen)
    {
        _clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(() => RunAsync(new Uri($"http://{listen}/")))).ToArray();
    }

    public long Successes => Interlocked.Read(ref _successes);

    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>What failed, in words (the first few hundred).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

    public async Task WaitForSuccessesAsync(long count, CancellationToken ct)
    {
        while (Successes < count)
            await Task.Delay(10, ct);
    }

    /// <summary>How long after <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp) the first request sent after it was answered.</summary>
    public async Task<TimeSpan> NextSuccessAfterAsync(long since, CancellationToken ct)
    {
        while (true)
        {
            var first = _answered.Where(a => a.Started > since).Select(a => a.Completed).DefaultIfEmpty().Min();
            if (first > 0)
                return Stopwatch.GetElapsedTime(since, first);
            await Task.Delay(5, ct);
        }
    }

    private async Task RunAsync(Uri address)
    {
        while (!_stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await _http.GetAsync(address, _stop.Token);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _successes);
                    _answered.Enqueue((started, Stopwatch.GetTimestamp()));
                    continue;
                }
                Note($"{(int)response.StatusCode} {response.ReasonPhrase}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Counted below; a refused connection is what a dead edge looks like.
                Note($"{e.GetType().Name}: {e.Message} {e.InnerException?.Message}");
            }
            Interlocked.Increment(ref _failures);
            await Task.Delay(5);
        }
    }

    private void Note(string error)
    {
        if (Errors.Count < 200) Errors.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {error}");
    }

    public void Dispose()
    {
        _stop.Cancel();
        Task.WaitAll(_clients.Select(c => c.ContinueWith(_ => { })).ToArray());
        _stop.Dispose();
        _http.Dispose();
    }
}
