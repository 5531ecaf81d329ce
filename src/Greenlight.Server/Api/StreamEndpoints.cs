using Greenlight.Core.Access;
using Greenlight.Server.Auth;
using System.Text;
using System.Text.Json;
using Greenlight.Core.Analysis;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Control;
using Greenlight.Engine.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Greenlight.Server.Api;

/// <summary>
/// What serves where and the releases in progress, as server-sent events for the dashboard: a <c>snapshot</c> event
/// whenever anything in it changed, looked at every <see cref="Interval"/>; a comment every <see cref="KeepAlive"/>
/// otherwise, so that proxies and the browser see the stream alive. No limit ends the stream; the client does.
/// </summary>
internal static class StreamEndpoints
{
    /// <summary>Quicker than an analysis interval people use (1 s or more), so that every look of a verdict is drawn.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <remarks>Permission: read. <c>GET /v1/stream?app=</c>: the lanes of one app, or of every app.</remarks>
    public static void MapStreamApi(this RouteGroupBuilder v1, AppControllers apps, TimeProvider time) =>
        v1.MapGet("/stream", async (string? app, HttpContext http, CancellationToken ct) =>
        {
            var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var response = http.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            await response.Body.FlushAsync(ct);
            string? sent = null;
            var quietSince = time.GetTimestamp();
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    var (name, data) = await EventAsync(apps, app, json, ct);
                    if (data != sent)
                    {
                        await WriteAsync(response, $"event: {name}\ndata: {data}\n\n", ct);
                        (sent, quietSince) = (data, time.GetTimestamp());
                    }
                    else if (time.GetElapsedTime(quietSince) >= KeepAlive)
                    {
                        await WriteAsync(response, ": keep-alive\n\n", ct);
                        quietSince = time.GetTimestamp();
                    }
                    await Task.Delay(Interval, time, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The client went away: the end of every stream.
            }
        }).Requires(Permission.Read, AccessScope.App);

    /// <summary>A snapshot, or what kept it from being read (an edge restarting), as an <c>error</c> event the page shows.</summary>
    private static async Task<(string Name, string Data)> EventAsync(AppControllers apps, string? app, JsonSerializerOptions json, CancellationToken ct)
    {
        try
        {
            var lanes = new List<LaneSnapshot>();
            foreach (var lane in apps.All.Where(c => app is null || c.App == app || Lanes.Parse(c.App)?.App == app))
            {
                var status = await lane.StatusAsync(ct);
                var where = Lanes.Parse(lane.App);
                lanes.Add(new LaneSnapshot(lane.App, where?.App ?? lane.App, where?.Environment, where?.Region,
                    status.Serving, status.Route.Select(b => new RouteWeight(b.Revision, b.Weight)).ToList(), status.Rollouts, status.Analysis));
            }
            return ("snapshot", JsonSerializer.Serialize(new StreamSnapshot(lanes), json));
        }
        catch (Exception e) when (e is HttpRequestException or ReleaseRejectedException)
        {
            return ("error", JsonSerializer.Serialize(new ApiError(e.Message), json));
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken ct)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await response.Body.FlushAsync(ct);
    }
}

/// <summary>Every lane the stream covers, in the controller's order.</summary>
public sealed record StreamSnapshot(IReadOnlyList<LaneSnapshot> Lanes);

/// <summary>One lane: what its edge routes where, its rollouts in progress and the latest look of each one's analysis.</summary>
/// <param name="Environment">Null (with <paramref name="Region"/>) for an app without environments.</param>
public sealed record LaneSnapshot(
    string Lane,
    string App,
    string? Environment,
    string? Region,
    string? Serving,
    IReadOnlyList<RouteWeight> Route,
    IReadOnlyList<Rollout> Rollouts,
    IReadOnlyDictionary<string, AnalysisVerdict> Analysis);

/// <summary>A revision's share of traffic in percent; the backend's address is the controller's business, not the page's.</summary>
public sealed record RouteWeight(string Revision, int Weight);
