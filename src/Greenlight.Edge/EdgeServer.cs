using Greenlight.Edge.Admin;
using Greenlight.Edge.Forwarding;
using Greenlight.Edge.Handoff;
using Greenlight.Edge.Hosting;
using Greenlight.Edge.Persistence;
using Greenlight.Edge.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Edge;

/// <summary>
/// A running edge: one public listener per listen address (apps may share one by host name), the admin API on loopback, and the route table on
/// disk. Traffic keeps flowing on the last table whether or not a controller is connected.
/// </summary>
public sealed partial class EdgeServer : IAsyncDisposable
{
    private readonly StateDirectory _state;
    private readonly ServiceProvider _services;
    private readonly HttpMessageInvoker _client;
    private readonly ILogger<EdgeServer> _logger;
    private readonly ListenSockets _sockets;
    private RouteRegistry? _routes;
    private AdminHost? _admin;
    private EdgeOptions? _options;
    private int _disposed;

    /// <summary>How long a handed-over edge lets clients close their keep-alive connections themselves (Connection: close)
    /// before it stops: a client idle that long is unlikely to be sending just then.</summary>
    private static readonly TimeSpan HandOverGrace = TimeSpan.FromSeconds(2);

    private EdgeServer(StateDirectory state, string token, ServiceProvider services, ListenSockets sockets, ILogger<EdgeServer> logger)
    {
        _state = state;
        _sockets = sockets;
        Token = token;
        _services = services;
        _client = ForwardingClient.Create();
        _logger = logger;
    }

    /// <summary>The admin API base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri AdminAddress => _admin!.Address;

    /// <summary>The bearer token every admin request must carry (also in admin.token, mode 0600).</summary>
    public string Token { get; }

    public string StateDirectory => _state.Path;

    /// <summary>Restores routes.json (restarting the public listeners), starts the admin API, then writes admin.json.</summary>
    public static Task<EdgeServer> StartAsync(EdgeOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ParseAdminListen(options.AdminListen);
        return StartAsync(options, Persistence.StateDirectory.Open(options.StateDirectory), loggerFactory, cancellationToken);
    }

    /// <param name="inherited">Sockets passed by the edge this one takes over from (then the caller listens for hand-overs
    /// once it has told that edge it serves), with the keys of its admin socket; null for a fresh start.</param>
    private static async Task<EdgeServer> StartAsync(EdgeOptions options, StateDirectory state, ILoggerFactory? loggerFactory, CancellationToken cancellationToken,
        ListenSockets? inherited = null, IReadOnlyList<string>? inheritedAdmin = null)
    {
        var admin = ParseAdminListen(options.AdminListen);
        var logs = loggerFactory ?? NullLoggerFactory.Instance;
        EdgeServer? server = null;
        try
        {
            var token = AdminToken.LoadOrCreate(state.Token);
            var services = new ServiceCollection()
                .AddLogging(logging => logging.ForwardTo(logs))
                .AddSingleton(options.TimeProvider)
                .AddHttpForwarder()
                .BuildServiceProvider();
            server = new EdgeServer(state, token, services, inherited ?? new ListenSockets(), logs.CreateLogger<EdgeServer>());
            await server.StartCoreAsync(options, admin, inheritedAdmin ?? [], logs, cancellationToken);
            if (inherited is null) server.ListenForHandoff();
            return server;
        }
        catch
        {
            if (server is not null) await server.DisposeAsync();
            else
            {
                state.Dispose();
                inherited?.Dispose();
            }
            throw;
        }
    }

    /// <summary>Runs an edge until <paramref name="cancellationToken"/> fires (e.g. on SIGTERM), then stops it gracefully.</summary>
    public static async Task RunAsync(EdgeOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        await ServeAsync(await StartAsync(options, loggerFactory, cancellationToken), cancellationToken);
    }

    private static async Task ServeAsync(EdgeServer started, CancellationToken cancellationToken)
    {
        await using var server = started;
        // Asked to stop, or handed over to a successor: DisposeAsync drains the listeners either way.
        await Task.WhenAny(Task.Delay(Timeout.Infinite, cancellationToken), server.HandedOver);
    }

    /// <summary>Removes admin.json, stops the admin API, drains every public listener and releases the state directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            if (_handoff is not null) await _handoff.DisposeAsync();
            // After a hand-over admin.json is the successor's.
            var handedOver = HandedOver.IsCompletedSuccessfully;
            if (!handedOver) AdminInfoFile.DeleteIfOwned(_state.AdminInfo, Environment.ProcessId);
            // Clients move their keep-alive connections to the successor, then the listeners stop accepting (the successor
            // accepts from the same sockets), close what is still idle and let in-flight requests finish within the drain timeout.
            if (handedOver && _options is { } options)
                await _sockets.CloseConnectionsAsync(TimeSpan.FromTicks(Math.Min(HandOverGrace.Ticks, options.DrainTimeout.Ticks)), options.TimeProvider);
            if (_admin is not null) await _admin.DisposeAsync();
            if (_routes is not null) await _routes.DisposeAsync();
            if (handedOver) LogHandedOverStopped(HandedOver.Result, _state.Path);
            else LogStopped(_state.Path);
        }
        finally
        {
            _client.Dispose();
            await _services.DisposeAsync();
            _sockets.Dispose();
            _state.Dispose();
        }
    }
}
