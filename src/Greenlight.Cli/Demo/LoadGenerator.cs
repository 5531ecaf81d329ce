using System.Collections.Concurrent;

namespace Greenlight.Cli.Demo;

/// <summary>
/// Steady user traffic through the edge while the demo releases: a few concurrent shoppers, each
/// request counted, failures (non-2xx or no answer) counted separately, and which version answered.
/// </summary>
internal sealed class LoadGenerator(Uri address, int workers, TimeSpan pause) : IAsyncDisposable
{
    // No cookie jar: every request is a new visitor, so sticky sessions spread the load by weight
    // instead of pinning the whole generator, one shared "user", to one revision.
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = workers, UseProxy = false, UseCookies = false })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(10),
    };
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private long _requests;
    private long _failed;

    public long Requests => Interlocked.Read(ref _requests);
    public long Failed => Interlocked.Read(ref _failed);
    public ConcurrentDictionary<string, long> ByVersion { get; } = new();
    public ConcurrentQueue<string> Failures { get; } = new();
    private readonly ConcurrentDictionary<string, long> _failedBy = new();

    public void Start()
    {
        for (var i = 0; i < workers; i++)
            _loops.Add(Task.Run(LoopAsync));
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await _http.GetAsync("/", _stop.Token);
                Interlocked.Increment(ref _requests);
                var version = response.Headers.TryGetValues("X-Shop-Version", out var v) ? v.First() : "?";
                ByVersion.AddOrUpdate(version, 1, (_, n) => n + 1);
                if (!response.IsSuccessStatusCode)
                    Fail($"{(int)response.StatusCode} from {version}", version);
                await Task.Delay(pause, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _requests);
                Fail(e.Message, "no answer");
            }
        }
    }

    private void Fail(string why, string version)
    {
        Interlocked.Increment(ref _failed);
        _failedBy.AddOrUpdate(version, 1, (_, n) => n + 1);
        if (Failures.Count < 10)
            Failures.Enqueue(why);
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the counts so far; false after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForAsync(Func<LoadGenerator, bool> condition, TimeSpan timeout, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(timeout);
        while (!condition(this))
        {
            if (bounded.IsCancellationRequested)
                return false;
            await Task.Delay(20, CancellationToken.None);
        }
        return true;
    }

    public long ServedBy(string version) => ByVersion.GetValueOrDefault(version);

    /// <summary>Failed answers from <paramref name="version"/> ("no answer" for transport failures).</summary>
    public long FailedBy(string version) => _failedBy.GetValueOrDefault(version);

    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
            await _stop.CancelAsync();
        await Task.WhenAll(_loops);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _stop.Dispose();
    }
}
