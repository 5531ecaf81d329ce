using System.Diagnostics;

namespace AnalysisBench.Live;

/// <summary>
/// Steady user traffic through the edge at a fixed rate, as shoppers arrive whatever the servers do: each
/// worker sends at its own pace and skips the sends it fell behind on rather than bursting to catch up.
/// No cookie jar: every request is a new visitor, so the edge splits them by weight.
/// </summary>
internal sealed class PacedLoad(Uri address, int requestsPerSecond, int workers = 16) : IAsyncDisposable
{
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

    public void Start()
    {
        for (var i = 0; i < workers; i++)
        {
            var offset = TimeSpan.FromSeconds((double)i / requestsPerSecond);
            _loops.Add(Task.Run(() => LoopAsync(offset)));
        }
    }

    private async Task LoopAsync(TimeSpan offset)
    {
        var period = TimeSpan.FromSeconds((double)workers / requestsPerSecond);
        var clock = Stopwatch.StartNew();
        var next = offset;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var wait = next - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _stop.Token);
                next = next + period > clock.Elapsed ? next + period : clock.Elapsed;
                using var response = await _http.GetAsync("/", _stop.Token);
                Interlocked.Increment(ref _requests);
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref _failed);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _requests);
                Interlocked.Increment(ref _failed);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        _http.Dispose();
        _stop.Dispose();
    }
}
