using System.Diagnostics;
using System.Net.Sockets;

namespace Greenlight.Cli.Tests.Support;

/// <summary>
/// Clients sending requests to the public address back to back while it is shut down, telling apart the requests the
/// edge refused (nothing listened any more: a refused connection) from those it accepted and then failed.
/// </summary>
internal sealed class DrainLoad : IDisposable
{
    private const int Clients = 8;
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _clients;
    private readonly System.Collections.Concurrent.ConcurrentQueue<Answer> _answers = new();

    public DrainLoad(string listen)
    {
        // Spread out, so that at any moment some requests are halfway through.
        _clients = [.. Enumerable.Range(0, Clients).Select(i => Task.Run(() => RunAsync(new Uri($"http://{listen}/"), TimeSpan.FromMilliseconds(125 * i))))];
    }

    /// <param name="Refused">Nothing accepted the connection: the edge had stopped listening.</param>
    /// <param name="Failure">What went wrong with a request that was not refused; null when it was answered 2xx.</param>
    internal sealed record Answer(long Started, long Ended, bool Refused, string? Failure);

    public IReadOnlyList<Answer> Answers => [.. _answers];

    public int Successes => _answers.Count(a => a.Failure is null && !a.Refused);

    public async Task WaitForSuccessesAsync(int count, CancellationToken ct)
    {
        while (Successes < count)
            await Task.Delay(10, ct);
    }

    private async Task RunAsync(Uri address, TimeSpan offset)
    {
        await Task.Delay(offset);
        while (!_stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await _http.GetAsync(address, _stop.Token);
                _answers.Enqueue(new Answer(started, Stopwatch.GetTimestamp(), false, response.IsSuccessStatusCode ? null : $"answered {(int)response.StatusCode}"));
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                _answers.Enqueue(new Answer(started, Stopwatch.GetTimestamp(), true, null));
                await Task.Delay(5); // the edge is gone: no need to hammer the port
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
            {
                _answers.Enqueue(new Answer(started, Stopwatch.GetTimestamp(), false, $"{e.GetType().Name}: {e.Message} {e.InnerException?.Message}"));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Stops the clients; called again (by a using) it does nothing.</summary>
    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
            return;
        _stop.Cancel();
        Task.WaitAll([.. _clients.Select(c => c.ContinueWith(_ => { }))]);
        _http.Dispose();
    }
}
