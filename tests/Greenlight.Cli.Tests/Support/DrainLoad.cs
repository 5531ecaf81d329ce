using System.Diagnostics;
using System.Net.Sockets;

namespace Greenlight.Cli.Tests.Support;

/// <summary>
/// Requests sent to the public address at a steady pace while it is shut down, telling apart the requests the
/// edge refused (nothing listened any more: a refused connection) from those it accepted and then failed.
/// </summary>
internal sealed class DrainLoad : IDisposable
{
    // With answers that take a second, about eight requests are halfway through at any moment.
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(125);
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sending;
    private readonly System.Collections.Concurrent.ConcurrentQueue<Answer> _answers = new();

    public DrainLoad(string listen) => _sending = Task.Run(() => SendAsync(new Uri($"http://{listen}/")));

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

    /// <summary>
    /// An open loop: a request every <see cref="Interval"/>, whatever the others do. Clients that each waited for their
    /// answer fell into step after a stall, and then all their requests ended at one instant: none was halfway through
    /// when the edge stopped listening.
    /// </summary>
    private async Task SendAsync(Uri address)
    {
        var sent = new List<Task>();
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
                sent.Add(OneAsync(address));
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        await Task.WhenAll(sent);
    }

    private async Task OneAsync(Uri address)
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
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
        {
            _answers.Enqueue(new Answer(started, Stopwatch.GetTimestamp(), false, $"{e.GetType().Name}: {e.Message} {e.InnerException?.Message}"));
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    /// <summary>Stops the clients; called again (by a using) it does nothing.</summary>
    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
            return;
        _stop.Cancel();
        _sending.Wait();
        _http.Dispose();
    }
}
