using Greenlight.Engine.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenlight.Server.Api;

/// <summary>The controller's REST API: a thin translation onto <see cref="ReleaseController"/>.</summary>
internal static class ControllerEndpoints
{
    public static void MapControllerApi(this IEndpointRouteBuilder app, ReleaseController controller)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapGet("/status", (CancellationToken ct) => controller.StatusAsync(ct));
        v1.MapPost("/deployments", async (DeployBody? body, CancellationToken ct) =>
            body?.Version is { } version
                ? Results.Json(await controller.DeployAsync(new DeployRequest(version, body.Hotfix ?? false, body.Build), ct), statusCode: StatusCodes.Status202Accepted)
                : Results.BadRequest(new ApiError("body must be JSON {\"version\": \"...\", \"hotfix\": false, \"build\": \"pl-...\"}: field version is missing")));
        v1.MapPost("/rollback", async (CancellationToken ct) =>
            Results.Json(await controller.RollbackAsync(ct), statusCode: StatusCodes.Status202Accepted));
        v1.MapPost("/promote", async (bool? full, CancellationToken ct) =>
            Results.Json(await controller.PromoteAsync(full ?? false, ct), statusCode: StatusCodes.Status202Accepted));
        v1.MapPost("/abort", async (string? id, CancellationToken ct) =>
            Results.Json(await controller.AbortAsync(id, ct), statusCode: StatusCodes.Status202Accepted));
        v1.MapGet("/rollouts", (int? limit, CancellationToken ct) => controller.HistoryAsync(Math.Clamp(limit ?? 20, 1, 500), ct));
        v1.MapGet("/rollouts/{id}", async (string id, CancellationToken ct) =>
            await controller.GetRolloutAsync(id, ct) is { } rollout ? Results.Ok(rollout) : Results.NotFound(new ApiError($"no rollout {id}")));
        v1.MapGet("/rollouts/{id}/events", (string id, long? after, CancellationToken ct) => controller.GetEventsAsync(id, after ?? 0, ct));
        v1.MapPipelineApi(controller.Pipelines);
    }

    /// <summary>Maps refusals and malformed bodies to 4xx with a message, never a stack trace.</summary>
    public static async Task HandleErrorsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (ReleaseRejectedException e)
        {
            context.Response.StatusCode = e.Kind switch
            {
                RejectionKind.Invalid => StatusCodes.Status400BadRequest,
                RejectionKind.NotFound => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status409Conflict,
            };
            await context.Response.WriteAsJsonAsync(new ApiError(e.Message));
        }
        catch (BadHttpRequestException e)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new ApiError(e.InnerException?.Message ?? e.Message));
        }
        catch (HttpRequestException e)
        {
            // The controller is up but a provider it depends on (the edge) is not.
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            await context.Response.WriteAsJsonAsync(new ApiError($"a provider does not answer: {e.Message}"));
        }
    }
}

public sealed record DeployBody(string? Version, bool? Hotfix, string? Build);
