using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Greenlight.Core.Traffic;

namespace Greenlight.Edge.Tests.Support;

/// <summary>A real <see cref="EdgeServer"/> on a state directory, with an authenticated admin client.</summary>
internal sealed class EdgeHarness : IAsyncDisposable
{
    /// <summary>As the edge's own client reads it: a latency histogram's +Inf bound comes as "Infinity".</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    internal EdgeHarness(EdgeServer server)
    {
        Server = server;
        Admin = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = server.AdminAddress, Timeout = TimeSpan.FromSeconds(30) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
    }

    /// <summary>For requests through the public listeners: no env proxy, bounded.</summary>
    public static HttpClient Client { get; } = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public EdgeServer Server { get; }

    public HttpClient Admin { get; }

    /// <param name="inline">Run the public listeners inline on the socket threads, as the tuned edge process does.</param>
    public static async Task<EdgeHarness> StartAsync(
        string stateDirectory, bool inline = false, Microsoft.Extensions.Logging.ILoggerFactory? logs = null, TimeProvider? time = null) =>
        new(await EdgeServer.StartAsync(new EdgeOptions
        {
            StateDirectory = stateDirectory,
            DrainTimeout = TimeSpan.FromSeconds(10),
            InlineScheduling = inline,
            TimeProvider = time ?? TimeProvider.System,
        }, logs));

    public static AppRoute Route(string app, string listen, params (TestBackend Backend, int Weight)[] backends) =>
        new(app, listen, [.. backends.Select(b => new RouteBackend(b.Backend.Name, b.Backend.Address, b.Weight))]);

    public Task<HttpResponseMessage> PutAsync(AppRoute route) =>
        Admin.PutAsJsonAsync($"v1/routes/{route.App}", route, Json);

    public async Task ApplyAsync(AppRoute route)
    {
        using var response = await PutAsync(route);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<IReadOnlyDictionary<string, RevisionTraffic>> TrafficAsync(string app) =>
        (await Admin.GetFromJsonAsync<Dictionary<string, RevisionTraffic>>($"v1/routes/{app}/traffic", Json))!;

    /// <summary>The counters alone: a histogram holds lists, which record equality compares by reference.</summary>
    public static RevisionTraffic Counters(RevisionTraffic traffic) => traffic with { Latency = null };

    public static async Task<string> GetAsync(string listen, string path = "/")
    {
        using var response = await Client.GetAsync($"http://{listen}{path}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Server.DisposeAsync();
    }
}
