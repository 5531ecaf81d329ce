using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ControllerBench;

/// <summary>
/// Every instant revision's health endpoint: one loopback listener that answers each HTTP/1.1 request with 200 and an
/// empty body, on kept-alive connections. Cheaper than a web server in the controller's process, whose CPU it shares.
/// </summary>
internal sealed class HealthResponder : IDisposable
{
    private static readonly byte[] Ok = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public HealthResponder()
    {
        _listener.Start(1024);
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                _ = ServeAsync(await _listener.AcceptSocketAsync(_stop.Token));
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Answers each request once its header ends (a blank line); probes are GETs with no body.</summary>
    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        var buffer = new byte[4096];
        var matched = 0; // how much of "\r\n\r\n" the bytes read so far end with
        try
        {
            while (await socket.ReceiveAsync(buffer, _stop.Token) is > 0 and var read)
            {
                for (var i = 0; i < read; i++)
                {
                    matched = buffer[i] == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : buffer[i] == '\r' ? 1 : 0;
                    if (matched < 4)
                        continue;
                    matched = 0;
                    await socket.SendAsync(Ok, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // The prober closed its connection, or the bench ends.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
