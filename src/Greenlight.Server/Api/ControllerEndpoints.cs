using Greenlight.Core.Manifest;
using Greenlight.Engine.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenlight.Server.Api;

/// <summary>The controller's REST API: a thin translation onto <see cref="ReleaseController"/>.</summary>
internal static class ControllerEndpoints
{
    private const string DeployShape =
        "JSON {\"version\": \"...\", \"hotfix\": false, \"build\": \"pl-...\", \"manifest\": {\"text\": \"<YAML>\", \"file\": \"/path/greenlight.yaml\", \"commit\": \"<git sha>\"}}";

    /// <param name="edge">The supervised edge for <c>status</c>, when the host supervises one.</param>
    public static void MapControllerApi(this IEndpointRouteBuilder app, ReleaseController controller, Func<EdgeReport>? edge)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapGet("/status", async (CancellationToken ct) => (await controller.StatusAsync(ct)) with { Edge = edge?.Invoke() });
        v1.MapGet("/drift", (CancellationToken ct) => controller.DriftAsync(ct));
        v1.MapPost("/deployments", async (HttpRequest request, CancellationToken ct) =>
            await ApiInput.BodyAsync<DeployBody>(request, DeployShape) is { Version: { } version } body
                ? Results.Json(await controller.DeployAsync(new DeployRequest(version, body.Hotfix ?? false, body.Build, Snapshot(body.Manifest)), ct), statusCode: StatusCodes.Status202Accepted)
                : Results.BadRequest(new ApiError($"field version is missing; the body is {DeployShape}", [new ApiFieldError("version", "is missing")])));
        v1.MapPost("/rollback", async (CancellationToken ct) =>
            Results.Json(await controller.RollbackAsync(ct), statusCode: StatusCodes.Status202Accepted));
        v1.MapPost("/promote", async (string? full, CancellationToken ct) =>
            Results.Json(await controller.PromoteAsync(ApiInput.Bool(full, "full", false), ct), statusCode: StatusCodes.Status202Accepted));
        v1.MapPost("/abort", async (string? id, CancellationToken ct) =>
            Results.Json(await controller.AbortAsync(id, ct), statusCode: StatusCodes.Status202Accepted));
        v1.MapGet("/rollouts", (string? limit, CancellationToken ct) => controller.HistoryAsync(Math.Clamp(ApiInput.Int(limit, "limit", 20), 1, 500), ct));
        v1.MapGet("/rollouts/{id}", async (string id, CancellationToken ct) =>
            await controller.GetRolloutAsync(id, ct) is { } rollout ? Results.Ok(rollout) : Results.NotFound(new ApiError($"no rollout {id}")));
        v1.MapGet("/rollouts/{id}/manifest", async (string id, CancellationToken ct) => await controller.GetManifestAsync(id, ct));
        v1.MapGet("/rollouts/{id}/events", (string id, string? after, CancellationToken ct) => controller.GetEventsAsync(id, ApiInput.Long(after, "after", 0), ct));
        v1.MapPipelineApi(controller.Pipelines);
    }

    /// <summary>The manifest a release brings, validated here again: the controller trusts no client's validation.</summary>
    private static ManifestSnapshot? Snapshot(ManifestBody? body)
    {
        if (body is null)
            return null;
        if (body.Text is null || body.File is null)
            throw new ApiInputException(StatusCodes.Status400BadRequest,
                $"manifest needs text (the YAML) and file (its path, against which relative paths resolve); the body is {DeployShape}",
                new ApiFieldError(body.Text is null ? "manifest.text" : "manifest.file", "is missing"));
        var result = ManifestSnapshot.FromText(body.Text, body.File, body.Commit, body.Uncommitted ?? false);
        return result.Snapshot ?? throw ReleaseRejectedException.InvalidManifest(result.Errors);
    }

    /// <summary>Maps refusals and malformed requests to 4xx with a message, an unreachable edge to 503, never a stack trace.</summary>
    public static async Task HandleErrorsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (ReleaseRejectedException e)
        {
            await WriteAsync(context, e.Kind switch
            {
                RejectionKind.Invalid => StatusCodes.Status400BadRequest,
                RejectionKind.NotFound => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status409Conflict,
            }, new ApiError(e.Message, e.ManifestErrors.Count == 0 ? null : e.ManifestErrors.Select(m => new ApiFieldError("manifest", m.ToString())).ToList()));
        }
        catch (ApiInputException e)
        {
            await WriteAsync(context, e.Status, new ApiError(e.Message, [e.Error]));
        }
        catch (BadHttpRequestException e)
        {
            await WriteAsync(context, e.StatusCode, new ApiError(e.InnerException?.Message ?? e.Message));
        }
        catch (Edge.EdgeDownException e)
        {
            // The controller restarts its edge; the caller may simply try again.
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, new ApiError(e.Message));
        }
        catch (HttpRequestException e)
        {
            // The controller is up but a provider it depends on is not.
            await WriteAsync(context, StatusCodes.Status502BadGateway, new ApiError($"a provider does not answer: {e.Message}"));
        }
    }

    /// <summary>What the framework answers with an empty body (no such endpoint, wrong method) gets words too.</summary>
    public static Task DescribeEmptyAsync(Microsoft.AspNetCore.Diagnostics.StatusCodeContext status)
    {
        var context = status.HttpContext;
        var what = context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"no endpoint {context.Request.Method} {context.Request.Path}; see docs/cli.md for the API",
            StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}",
            var code => $"the request was refused ({code})",
        };
        return context.Response.WriteAsJsonAsync(new ApiError(what));
    }

    private static async Task WriteAsync(HttpContext context, int status, ApiError error)
    {
        if (context.Response.HasStarted)
            throw new InvalidOperationException($"cannot report after the answer started: {error.Error}");
        context.Response.Clear();
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(error);
    }
}

public sealed record DeployBody(string? Version, bool? Hotfix, string? Build, ManifestBody? Manifest);

/// <param name="Commit">The git commit of the manifest's work tree; <paramref name="Uncommitted"/>: the file differs from it.</param>
public sealed record ManifestBody(string? Text, string? File, string? Commit, bool? Uncommitted);
