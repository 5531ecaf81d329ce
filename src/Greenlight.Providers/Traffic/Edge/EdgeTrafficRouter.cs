using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Greenlight.Core.Traffic;

namespace Greenlight.Providers.Traffic.Edge;

/// <summary>The <c>edge</c> traffic router: a client of the Greenlight edge's admin API.</summary>
internal sealed class EdgeTrafficRouter(EdgeConnection connection) : ITrafficRouter
{
    // One pool for every router in the process; no env proxy may sit between us and a loopback edge.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(100),
    };

    public string Name => "edge";

    public async Task ApplyAsync(AppRoute route, CancellationToken cancellationToken)
    {
        using var response = await Send(connection, HttpMethod.Put, AppPath(route.App), JsonContent.Create(route, options: EdgeJson.Options), cancellationToken);
        await EnsureSuccess(response, cancellationToken);
    }

    public async Task<AppRoute?> GetAsync(string app, CancellationToken cancellationToken)
    {
        using var response = await Send(connection, HttpMethod.Get, AppPath(app), null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureSuccess(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<AppRoute>(EdgeJson.Options, cancellationToken);
    }

    /// <summary>Empty when the edge has no route for <paramref name="app"/>.</summary>
    public async Task<IReadOnlyDictionary<string, RevisionTraffic>> GetTrafficAsync(string app, CancellationToken cancellationToken)
    {
        using var response = await Send(connection, HttpMethod.Get, AppPath(app) + "/traffic", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return new Dictionary<string, RevisionTraffic>();
        await EnsureSuccess(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<Dictionary<string, RevisionTraffic>>(EdgeJson.Options, cancellationToken)
            ?? [];
    }

    /// <summary>Removes the app's route and stops its listener once in-flight requests finished. False when unknown.</summary>
    public async Task<bool> RemoveAsync(string app, CancellationToken cancellationToken)
    {
        using var response = await Send(connection, HttpMethod.Delete, AppPath(app), null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureSuccess(response, cancellationToken);
        return true;
    }

    internal static Task<HttpResponseMessage> Send(EdgeConnection connection, HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, new Uri(connection.AdminAddress, path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.Token);
        return Http.SendAsync(request, cancellationToken);
    }

    private static string AppPath(string app) => "v1/routes/" + Uri.EscapeDataString(app);

    private static async Task EnsureSuccess(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        throw await EdgeAdminException.FromResponse(response, cancellationToken);
    }
}
