using Greenlight.Testing;
using System.Net;
using System.Net.Sockets;
using Greenlight.Core.Traffic;
using Greenlight.Edge;
using Greenlight.Providers.Traffic.Edge;

namespace Greenlight.Providers.Tests.Metrics.Support;

/// <summary>
/// A real in-process edge routing <see cref="App"/> half and half to two counting revisions, <c>stable</c>
/// and <c>canary</c>; only the canary fails (every second request it gets). Everything is stopped and deleted on dispose.
/// </summary>
internal sealed class TwoRevisionEdge : IAsyncDisposable
{
    public const string App = "shop";

    private const int MaxRequests = 200;

    // No proxy: the edge listens on loopback. No cookies: each request is a new user, never stuck to one revision.
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    private readonly string directory;
    private readonly string listen;

    private TwoRevisionEdge(string directory, EdgeServer server, CountingRevision stable, CountingRevision canary)
    {
        this.directory = directory;
        Server = server;
        Stable = stable;
        Canary = canary;
        Router = new EdgeConnection(server.AdminAddress, server.Token, Environment.ProcessId).CreateRouter();
        listen = Ports.FreeListen();
    }

    public EdgeServer Server { get; }

    public ITrafficRouter Router { get; }

    public CountingRevision Stable { get; }

    public CountingRevision Canary { get; }

    /// <summary>The edge guards /metrics with its admin token; Prometheus reads it from here.</summary>
    public string TokenFile => Path.Combine(Server.StateDirectory, "admin.token");

    public static async Task<TwoRevisionEdge> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("greenlight-metrics-").FullName;
        var server = await EdgeServer.StartAsync(new EdgeOptions { StateDirectory = directory, DrainTimeout = TimeSpan.FromSeconds(2) });
        var edge = new TwoRevisionEdge(directory, server,
            await CountingRevision.StartAsync("stable", failEvery: 0),
            await CountingRevision.StartAsync("canary", failEvery: 2));
        await edge.Router.ApplyAsync(new AppRoute(App, edge.listen,
            [new RouteBackend("stable", edge.Stable.Address, 1), new RouteBackend("canary", edge.Canary.Address, 1)]), CancellationToken.None);
        return edge;
    }

    /// <summary>
    /// Sends requests through the edge, one after another, until the stable revision served a few and the
    /// canary failed a few, however the edge splits them.
    /// </summary>
    /// <returns>How many requests were sent.</returns>
    public async Task<int> SendTrafficAsync()
    {
        var sent = 0;
        while (Stable.Requests < 5 || Canary.Errors < 3)
        {
            if (sent == MaxRequests)
            {
                throw new InvalidOperationException($"after {sent} requests through the edge, stable served {Stable.Requests} and canary failed {Canary.Errors}");
            }

            using var response = await Client.GetAsync($"http://{listen}/");
            sent++;
        }

        return sent;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Stable.DisposeAsync();
        await Canary.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

}
