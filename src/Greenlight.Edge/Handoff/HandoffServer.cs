using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Greenlight.Edge.Handoff;

/// <summary>
/// The running edge's side of a planned restart: listens on <c>handoff.sock</c> in its state directory (0700, like the
/// admin token), and gives its listening sockets and its state lock to the edge that proves it holds the admin token.
/// One hand-over at a time; a failed one leaves this edge serving and accepting route changes as before.
/// </summary>
internal sealed partial class HandoffServer : IAsyncDisposable
{
    public const string FileName = "handoff.sock";

    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The new edge restores the route table and starts its listeners meanwhile; a cold .NET start is about a second.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly string _path;
    private readonly IHandoffSource _source;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private HandoffServer(string path, Socket listener, IHandoffSource source, ILogger logger)
    {
        _path = path;
        _source = source;
        _logger = logger;
        _loop = AcceptAsync(listener, _stop.Token);
    }

    /// <summary>Binds <paramref name="path"/> (replacing the previous edge's socket file: the caller holds the state lock).</summary>
    public static HandoffServer Start(string path, IHandoffSource source, ILogger logger) => new(path, Bind(path), source, logger);

    private static Socket Bind(string path)
    {
        File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(1);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private async Task AcceptAsync(Socket first, CancellationToken cancellationToken)
    {
        var listener = first;
        try
        {
            while (true)
            {
                Socket client;
                using (listener)
                    client = await listener.AcceptAsync(cancellationToken);
                // Closed (the runtime removes the socket file) before the successor binds its own there: one hand-over at a time.
                using var channel = new HandoffChannel(client);
                if (await HandOverAsync(channel, cancellationToken)) return;
                listener = Bind(_path);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            _source.Unavailable(e.Message);
        }
    }

    /// <returns>Whether the sockets are the new edge's now.</returns>
    private async Task<bool> HandOverAsync(HandoffChannel channel, CancellationToken cancellationToken)
    {
        var frozen = false;
        var pid = 0;
        try
        {
            using var hello = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            hello.CancelAfter(HelloTimeout);
            if (await channel.ReceiveAsync<HandoffHello>(hello.Token) is not { } greeting) return false;
            pid = greeting.Pid;
            if (!_source.Authenticates(greeting.Token))
            {
                LogRefused(pid, "wrong admin token");
                channel.Send(new HandoffOffer(Environment.ProcessId, [], [], "wrong admin token"), []);
                return false;
            }

            HandoffOffer offer;
            int[] fds;
            try
            {
                (offer, fds) = await _source.FreezeAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefused(pid, e.Message);
                channel.Send(new HandoffOffer(Environment.ProcessId, [], [], e.Message), []);
                return false;
            }

            frozen = true;
            channel.Send(offer, fds);
            LogOffered(pid, offer.Admin.Count + offer.Listeners.Count);

            using var ready = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            ready.CancelAfter(ReadyTimeout);
            if (await channel.ReceiveAsync<HandoffReady>(ready.Token) is null)
            {
                LogAbandoned(pid, "it closed the connection before serving (see its log)");
                return false;
            }

            _source.HandedOver(pid);
            frozen = false;
            LogHandedOver(pid);
            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or System.Text.Json.JsonException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogAbandoned(pid, e.Message);
            return false;
        }
        finally
        {
            if (frozen) _source.Thaw();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

/// <summary>What the hand-over needs from the edge it runs in.</summary>
internal interface IHandoffSource
{
    bool Authenticates(string token);

    /// <summary>Refuses route changes, saves the table, and returns the offer and its descriptors (state lock first).</summary>
    Task<(HandoffOffer Offer, int[] Fds)> FreezeAsync(CancellationToken cancellationToken);

    /// <summary>The hand-over failed after <see cref="FreezeAsync"/>: serve and accept changes again.</summary>
    void Thaw();

    /// <summary>The edge <paramref name="pid"/> serves: stop accepting, drain, exit.</summary>
    void HandedOver(int pid);

    /// <summary>No more hand-overs: the socket could not be bound again.</summary>
    void Unavailable(string reason);
}
