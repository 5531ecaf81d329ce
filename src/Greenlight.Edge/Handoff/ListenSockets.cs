using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Greenlight.Edge.Routing;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Greenlight.Edge.Handoff;

/// <summary>
/// Every listening socket of an edge, bound here rather than by Kestrel so that they can be handed to the next edge. Kestrel
/// takes them through <see cref="Bound"/> and closes them when it stops accepting, as it would its own (after a hand-over,
/// <see cref="CloseConnectionsAsync"/> closes them first). A socket inherited from the previous edge is used instead of
/// binding afresh, so connections queued on it are accepted by whichever edge is first.
/// </summary>
internal sealed class ListenSockets : IDisposable
{
    /// <summary>Kestrel's own default.</summary>
    private const int Backlog = 512;

    /// <summary>How often a handed-over edge looks whether its clients have closed their connections.</summary>
    private static readonly TimeSpan ClosingPoll = TimeSpan.FromMilliseconds(10);

    private readonly ConcurrentDictionary<string, Socket> _open = new(StringComparer.Ordinal);
    private long _connections;
    private volatile bool _closing;
    private readonly ConcurrentDictionary<string, Socket> _inherited;

    public ListenSockets(IEnumerable<KeyValuePair<string, Socket>>? inherited = null) =>
        _inherited = new(inherited ?? [], StringComparer.Ordinal);

    /// <summary>The sockets open now, by endpoint (e.g. <c>127.0.0.1:8080</c>, <c>[::]:443</c>): what a hand-over passes on.</summary>
    public IReadOnlyList<KeyValuePair<string, Socket>> Open => [.. _open];

    /// <summary>The sockets of <paramref name="address"/> (localhost is two, IPv4 and IPv6), inherited or bound now; released
    /// with the lease. Throws what <see cref="Socket.Bind"/> throws when the address is taken.</summary>
    public Lease Take(ListenAddress address)
    {
        var lease = new Lease(this);
        try
        {
            foreach (var endpoint in Endpoints(address))
            {
                var socket = TakeOrBind(endpoint, optional: address.Host == "localhost" && endpoint.AddressFamily == AddressFamily.InterNetworkV6);
                if (socket is not null) lease.Add(Key(endpoint), socket);
            }
            return lease;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>The admin API's socket: the one inherited, which keeps the address the controller knows, else bound now.</summary>
    public Lease TakeAdmin(ListenAddress asked, IReadOnlyList<string> inheritedKeys)
    {
        var lease = new Lease(this);
        foreach (var key in inheritedKeys)
            if (_inherited.TryRemove(key, out var socket)) lease.Add(key, socket);
        return lease.Sockets.Count > 0 ? lease : Take(asked);
    }

    /// <summary>
    /// After a hand-over, before the listeners stop: this edge accepts no new connection (the successor accepts from the same
    /// kernel queues), and every HTTP/1.x response says <c>Connection: close</c>, so each client closes its keep-alive
    /// connection after its current request and opens the next one to the successor. Closing a connection from this side
    /// instead races with a request the client may be sending on it (a broken pipe, no retry): that is what Kestrel's stop
    /// does to a connection it accepted a moment before, which is why accepting ends here first.
    /// Returns once no connection is open or <paramref name="limit"/> has passed (HTTP/2 ends with GOAWAY on stop).
    /// </summary>
    public async Task CloseConnectionsAsync(TimeSpan limit, TimeProvider time)
    {
        _closing = true;
        // Closing this process's descriptors ends Kestrel's accept loops (an aborted accept is its "unbound") and leaves
        // the connections it has; the sockets themselves live on in the successor, which holds its own descriptors.
        foreach (var key in _open.Keys)
            if (_open.TryRemove(key, out var socket)) socket.Dispose();
        var deadline = time.GetUtcNow() + limit;
        while (Interlocked.Read(ref _connections) > 0 && time.GetUtcNow() < deadline)
            await Task.Delay(ClosingPoll, time);
    }

    /// <summary>Middleware of every listener: see <see cref="CloseConnectionsAsync"/>.</summary>
    public Task CloseWhenAskedAsync(HttpContext context, RequestDelegate next)
    {
        if (_closing && (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol)))
            context.Response.Headers.Connection = "close";
        return next(context);
    }

    /// <summary>For Kestrel's socket transport (<c>CreateBoundListenSocket</c>): the socket a lease holds for <paramref name="endpoint"/>.</summary>
    public Socket Bound(EndPoint endpoint) =>
        _open.TryGetValue(endpoint.ToString()!, out var socket) ? socket : throw new InvalidOperationException($"no socket taken for {endpoint}");

    /// <summary>Closes inherited sockets nobody took (a route the new edge no longer has).</summary>
    public void DropUnused()
    {
        foreach (var key in _inherited.Keys)
            if (_inherited.TryRemove(key, out var socket)) socket.Dispose();
    }

    public void Dispose()
    {
        DropUnused();
        foreach (var key in _open.Keys)
            if (_open.TryRemove(key, out var socket)) socket.Dispose();
    }

    private Socket? TakeOrBind(IPEndPoint endpoint, bool optional)
    {
        if (_inherited.TryRemove(Key(endpoint), out var inherited)) return inherited;
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // As Kestrel binds: [::] serves IPv4 too.
            if (endpoint.Address.Equals(IPAddress.IPv6Any)) socket.DualMode = true;
            socket.Bind(endpoint);
            socket.Listen(Backlog);
            return socket;
        }
        catch (SocketException e) when (optional && e.SocketErrorCode is SocketError.AddressFamilyNotSupported or SocketError.AddressNotAvailable)
        {
            socket.Dispose();
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static IEnumerable<IPEndPoint> Endpoints(ListenAddress address) => address.Host switch
    {
        "localhost" => [new IPEndPoint(IPAddress.Loopback, address.Port), new IPEndPoint(IPAddress.IPv6Loopback, address.Port)],
        "*" => [new IPEndPoint(Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any, address.Port)],
        _ => [new IPEndPoint(IPAddress.Parse(address.Host), address.Port)],
    };

    private static string Key(IPEndPoint endpoint) => endpoint.ToString();

    /// <summary>The sockets one listener uses; closed when it stops (if Kestrel has not already).</summary>
    internal sealed class Lease(ListenSockets owner) : IDisposable
    {
        private readonly List<(string Key, Socket Socket)> _sockets = [];

        public IReadOnlyList<Socket> Sockets => [.. _sockets.Select(s => s.Socket)];

        public IReadOnlyList<string> Keys => [.. _sockets.Select(s => s.Key)];

        public Lease Add(string key, Socket socket)
        {
            _sockets.Add((key, socket));
            owner._open[key] = socket;
            return this;
        }

        /// <summary>Has Kestrel listen on each socket: the transport set up by <see cref="UseSockets"/> takes it from <see cref="Bound"/>,
        /// and closes it when Kestrel stops accepting (the successor of a hand-over holds its own descriptor).</summary>
        public void Listen(KestrelServerOptions kestrel, Action<ListenOptions>? configure = null)
        {
            foreach (var (key, _) in _sockets)
                kestrel.Listen(IPEndPoint.Parse(key), listen =>
                {
                    listen.Use(next => async connection =>
                    {
                        Interlocked.Increment(ref owner._connections);
                        try
                        {
                            await next(connection);
                        }
                        finally
                        {
                            Interlocked.Decrement(ref owner._connections);
                        }
                    });
                    configure?.Invoke(listen);
                });
        }

        /// <summary>Kestrel's socket transport, taking its listening sockets from the edge's (any lease's).</summary>
        public void UseSockets(IWebHostBuilder web, bool inline = false) => web.UseSockets(transport =>
        {
            transport.CreateBoundListenSocket = owner.Bound;
            transport.UnsafePreferInlineScheduling = inline;
        });

        public Task CloseWhenAskedAsync(HttpContext context, RequestDelegate next) => owner.CloseWhenAskedAsync(context, next);

        public void Dispose()
        {
            foreach (var (key, socket) in _sockets)
            {
                owner._open.TryRemove(new KeyValuePair<string, Socket>(key, socket));
                socket.Dispose();
            }
            _sockets.Clear();
        }
    }
}
