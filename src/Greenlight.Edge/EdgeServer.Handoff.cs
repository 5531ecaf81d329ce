using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Greenlight.Edge.Handoff;
using Greenlight.Edge.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Edge;

/// <summary>
/// Planned restarts and upgrades without a lost request: the new edge process takes the old one's listening sockets
/// (public, TLS, redirect and admin) and its state lock over <c>handoff.sock</c>, so both accept from the same kernel
/// queues until the old one stops accepting, drains and exits. The admin address stays the same for the controller.
/// </summary>
public sealed partial class EdgeServer : IHandoffSource
{
    private readonly TaskCompletionSource<int> _handedOver = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HandoffServer? _handoff;

    /// <summary>Which binary this edge runs: the entry program's and the edge library's module ids (a rebuild with changes
    /// changes them). <c>up</c> upgrades a running edge whose build differs. <see cref="BuildVariable"/> overrides it (tests).</summary>
    public static string Build { get; } = Environment.GetEnvironmentVariable(BuildVariable)
        ?? $"{System.Reflection.Assembly.GetEntryAssembly()?.ManifestModule.ModuleVersionId:N}.{typeof(EdgeServer).Assembly.ManifestModule.ModuleVersionId:N}";

    public const string BuildVariable = "GREENLIGHT_EDGE_BUILD";

    /// <summary>Completes with the successor's pid once this edge has handed its sockets over.</summary>
    public Task<int> HandedOver => _handedOver.Task;

    /// <summary>
    /// Starts an edge that takes over from the one serving <see cref="EdgeOptions.StateDirectory"/>: the same listening sockets,
    /// the same admin address, the route table it saved last. Throws <see cref="InvalidOperationException"/>, with the old edge
    /// serving on, when there is none to take over or it refuses.
    /// </summary>
    public static async Task<EdgeServer> TakeOverAsync(EdgeOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ParseAdminListen(options.AdminListen);
        var path = Path.GetFullPath(options.StateDirectory);
        var token = File.Exists(Path.Combine(path, "admin.token"))
            ? AdminToken.LoadOrCreate(Path.Combine(path, "admin.token"))
            : throw new InvalidOperationException($"no edge to take over: {path} holds no admin.token (start one with `greenlight edge` or `greenlight up`)");
        // As a standby does: the first requests the old edge leaves to this one must not wait for the JIT (seconds on a busy machine).
        await WarmUpAsync(options, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<EdgeServer>(), cancellationToken);
        using var channel = await ConnectAsync(Path.Combine(path, HandoffServer.FileName), cancellationToken);
        var fds = new List<int>();
        try
        {
            await channel.SendAsync(new HandoffHello(token, Environment.ProcessId), cancellationToken);
            var offer = await channel.ReceiveAsync<HandoffOffer>(fds, cancellationToken)
                ?? throw new InvalidOperationException($"the edge serving {path} closed the hand-over without an answer (see its edge.log)");
            if (offer.Error is { } error)
                throw new InvalidOperationException($"the edge (pid {offer.Pid}) refused the hand-over: {error}");
            var keys = offer.Admin.Concat(offer.Listeners).ToList();
            if (fds.Count != keys.Count + 1)
                throw new InvalidOperationException($"the edge (pid {offer.Pid}) passed {fds.Count} descriptors for {keys.Count} sockets and its lock");

            var state = Persistence.StateDirectory.Inherit(path, fds[0]);
            var sockets = new ListenSockets(keys.Select((key, i) => KeyValuePair.Create(key, new Socket(new SafeSocketHandle(fds[i + 1], ownsHandle: true)))));
            fds.Clear();
            var server = await StartAsync(options, state, loggerFactory, cancellationToken, sockets, offer.Admin);
            try
            {
                sockets.DropUnused();
                await channel.SendAsync(new HandoffReady(Environment.ProcessId), cancellationToken);
                server.LogTookOver(offer.Pid, keys.Count);
                server.ListenForHandoff();
                return server;
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
        finally
        {
            FdPassing.CloseAll(fds);
        }
    }

    /// <summary>Takes over (see <see cref="TakeOverAsync"/>) and serves until <paramref name="cancellationToken"/> fires or a
    /// successor takes over in turn.</summary>
    public static async Task RunTakingOverAsync(EdgeOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default) =>
        await ServeAsync(await TakeOverAsync(options, loggerFactory, cancellationToken), cancellationToken);

    private static async Task<HandoffChannel> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await HandoffChannel.ConnectAsync(path, cancellationToken);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException(
                $"no edge to take over at {path}: {e.Message} (none is running there, or it predates hand-over: restart it instead)", e);
        }
    }

    /// <summary>Lets a successor take over (see <see cref="TakeOverAsync"/>); a state path too long for a Unix socket only
    /// means restarts here are not seamless.</summary>
    private void ListenForHandoff()
    {
        try
        {
            _handoff = HandoffServer.Start(Path.Combine(_state.Path, HandoffServer.FileName), this, _logger);
        }
        catch (Exception e) when (e is SocketException or IOException or ArgumentException)
        {
            LogHandoffUnavailable(e.Message);
        }
    }

    bool IHandoffSource.Authenticates(string token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(Token));

    async Task<(HandoffOffer Offer, int[] Fds)> IHandoffSource.FreezeAsync(CancellationToken cancellationToken)
    {
        await _routes!.FreezeAsync(cancellationToken);
        var admin = _admin!.Sockets;
        var listeners = _sockets.Open.Where(s => !admin.Keys.Contains(s.Key)).ToList();
        var offer = new HandoffOffer(Environment.ProcessId, admin.Keys, [.. listeners.Select(s => s.Key)]);
        return (offer, [_state.LockDescriptor, .. admin.Sockets.Select(s => (int)s.Handle), .. listeners.Select(s => (int)s.Value.Handle)]);
    }

    void IHandoffSource.Thaw() => _routes!.Thaw();

    void IHandoffSource.Unavailable(string reason) => LogHandoffUnavailable(reason);

    void IHandoffSource.HandedOver(int pid)
    {
        // The lock is the successor's now; only this process's descriptor closes.
        _state.Abandon();
        _handedOver.TrySetResult(pid);
    }
}
