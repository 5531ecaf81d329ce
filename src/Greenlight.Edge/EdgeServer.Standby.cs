using Greenlight.Core.Secrets;
using Greenlight.Core.Traffic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Edge;

public sealed partial class EdgeServer
{
    /// <summary>How often a standby looks whether the edge it stands in for has died (its lock is free).</summary>
    private static readonly TimeSpan StandbyPoll = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// A standby edge: started ahead of need and warmed up, it waits until the edge holding the state directory
    /// dies (the OS frees its lock), then takes over at once with the saved route table and serves until
    /// <paramref name="cancellationToken"/> fires. A fresh process would spend most of a second starting the runtime
    /// and compiling; this one only restores the routes. Returns without serving when <paramref name="wanted"/> turns false.
    /// </summary>
    public static async Task StandbyAsync(EdgeOptions options, Func<bool> wanted, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ParseAdminListen(options.AdminListen);
        var logs = loggerFactory ?? NullLoggerFactory.Instance;
        var logger = logs.CreateLogger<EdgeServer>();
        var path = OwnerOnly.CreateDirectory(options.StateDirectory);
        // The lock is watched from the start, beside the warm-up: an edge that dies while this one still warms up (a second
        // kill soon after a takeover) is taken over at once by a running process, half warm, rather than after the warm-up.
        var tookOver = false;
        // Stopped at a takeover: the two cores are the takeover's then.
        using var warming = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // On the thread pool: much of the warm-up is compiling, synchronous work the first look at the lock must not wait for.
        var warm = Task.Run(WarmThenReadyAsync, CancellationToken.None);
        try
        {
            while (wanted())
            {
                if (Persistence.StateDirectory.TryLock(path) is { } state)
                {
                    Volatile.Write(ref tookOver, true);
                    await warming.CancelAsync();
                    LogStandbyTakingOver(logger, options.StateDirectory);
                    await ServeAsync(await StartAsync(options, state, logs, cancellationToken), cancellationToken);
                    return;
                }
                await Task.Delay(StandbyPoll, options.TimeProvider, cancellationToken);
            }
        }
        finally
        {
            // Its scratch edge is disposed by the warm-up itself: not left running under the process's exit.
            await warm;
        }

        async Task WarmThenReadyAsync()
        {
            try
            {
                await WarmUpAsync(options, logger, warming.Token);
                if (!Volatile.Read(ref tookOver)) LogStandbyReady(logger, Environment.ProcessId, options.StateDirectory);
            }
            catch (Exception) when (warming.IsCancellationRequested)
            {
                // Cut short by a takeover or a stop (whatever the scratch edge threw then): the loop above says which.
            }
        }
    }

    /// <summary>Runs what a takeover runs (state directory, admin API, a public listener, a forwarded request)
    /// once in a scratch directory, so the takeover finds it compiled (a standby's, or a hand-over's).</summary>
    private static async Task WarmUpAsync(EdgeOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("greenlight-edge-warmup-");
        try
        {
            await using var server = await StartAsync(new EdgeOptions { StateDirectory = scratch.FullName, TimeProvider = options.TimeProvider },
                NullLoggerFactory.Instance, cancellationToken);
            // Through a public listener to the scratch edge's own admin API: the whole forwarding path runs once.
            var listen = $"127.0.0.1:{FreeLoopbackPort()}";
            await server._routes!.ApplyAsync(new AppRoute("warmup", listen, [new RouteBackend("warmup", server.AdminAddress, 100)]), cancellationToken);
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            using var answer = await http.GetAsync(new Uri($"http://{listen}/v1/health"), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogWarmUpFailed(logger, e);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
    }
}
