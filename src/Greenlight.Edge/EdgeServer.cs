using Greenlight.Edge.Admin;
using Greenlight.Edge.Forwarding;
using Greenlight.Edge.Hosting;
using Greenlight.Edge.Persistence;
using Greenlight.Edge.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Edge;

/// <summary>
/// A running edge: one public listener per app, the admin API on loopback, and the route table on
/// disk. Traffic keeps flowing on the last table whether or not a controller is connected.
/// </summary>
public sealed partial class EdgeServer : IAsyncDisposable
{
    private readonly StateDirectory _state;
    private readonly ServiceProvider _services;
    private readonly HttpMessageInvoker _client;
    private readonly ILogger<EdgeServer> _logger;
    private RouteRegistry? _routes;
    private AdminHost? _admin;
    private int _disposed;

    private EdgeServer(StateDirectory state, string token, ServiceProvider services, ILogger<EdgeServer> logger)
    {
        _state = state;
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

    private static async Task<EdgeServer> StartAsync(EdgeOptions options, StateDirectory state, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
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
            server = new EdgeServer(state, token, services, logs.CreateLogger<EdgeServer>());
            await server.StartCoreAsync(options, admin, logs, cancellationToken);
            return server;
        }
        catch
        {
            if (server is not null) await server.DisposeAsync();
            else state.Dispose();
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
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Asked to stop: DisposeAsync drains the listeners.
        }
    }

    /// <summary>Removes admin.json, stops the admin API, drains every public listener and releases the state directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            AdminInfoFile.DeleteIfOwned(_state.AdminInfo, Environment.ProcessId);
            if (_admin is not null) await _admin.DisposeAsync();
            if (_routes is not null) await _routes.DisposeAsync();
            LogStopped(_state.Path);
        }
        finally
        {
            _client.Dispose();
            await _services.DisposeAsync();
            _state.Dispose();
        }
    }
}
