using Greenlight.Core.Access;
using Greenlight.Engine.Control;
using Greenlight.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenlight.Server.Api;

/// <summary>Pipeline runs with their step results, and each step's output for following it live.</summary>
internal static class PipelineEndpoints
{
    public const string NextOffsetHeader = "X-Next-Offset";

    /// <remarks>Run ids are unique across apps and the store is shared: any app's lane reads any run.</remarks>
    public static void MapPipelineApi(this RouteGroupBuilder v1, AppControllers apps)
    {
        var pipelines = apps.All[0].Pipelines;
        v1.MapGet("/pipelines", (string? app, string? limit, CancellationToken ct) =>
            apps.Resolve(app).Pipelines.ListAsync(Math.Clamp(ApiInput.Int(limit, "limit", 20), 1, 500), ct))
            .Requires(Permission.Read, AccessScope.App);
        v1.MapGet("/pipelines/{id}", async (string id, CancellationToken ct) =>
            await pipelines.GetAsync(id, ct) is { } run ? Results.Ok(run) : Results.NotFound(new ApiError($"no pipeline run {id}")))
            .Requires(Permission.Read, AccessScope.PipelineRun);
        // Whole lines from a byte offset; the header says where the next read starts.
        v1.MapGet("/pipelines/{id}/steps/{step}/log", async (string id, string step, string? offset, HttpContext http, CancellationToken ct) =>
        {
            var (text, next) = await pipelines.ReadLogAsync(id, ApiInput.Int(step, "step", 0), ApiInput.Long(offset, "offset", 0), ct);
            http.Response.Headers[NextOffsetHeader] = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Text(text, "text/plain; charset=utf-8");
        }).Requires(Permission.Read, AccessScope.PipelineRun);
    }
}
