using Greenlight.Core.Access;
using Greenlight.Core.Manifest;
using Greenlight.Server.Auth;
using Greenlight.Engine.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenlight.Server.Api;

/// <summary>The controller's REST API: a thin translation onto <see cref="ReleaseController"/>.</summary>
internal static class ControllerEndpoints
{
    private const string DeployShape =
        "JSON {\"version\": \"...\", \"hotfix\": false, \"build\": \"pl-...\", \"manifest\": {\"text\": \"<YAML>\", \"file\": \"/path/greenlight.yaml\", \"commit\": \"<git sha>\", \"committedAt\": \"<ISO 8601>\"}}";

    /// <param name="edge">The supervised edge for <c>status</c>, when the host supervises one.</param>
    /// <remarks>Every call names its app with <c>?app=</c>, optional while the controller releases one app; calls on a
    /// rollout find its app by the rollout's id, and a release finds it by the manifest it brings.</remarks>
    public static void MapControllerApi(this IEndpointRouteBuilder app, AppControllers apps, Func<EdgeReport>? edge)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapGet("/apps", () => apps.All.Select(c => c.App)).Requires(Permission.Read, AccessScope.Anywhere);
        v1.MapGet("/status", async (string? app, CancellationToken ct) => (await apps.Resolve(app).StatusAsync(ct)) with { Edge = edge?.Invoke() })
            .Requires(Permission.Read, AccessScope.App);
        v1.MapGet("/drift", (string? app, CancellationToken ct) => apps.Resolve(app).DriftAsync(ct)).Requires(Permission.Read, AccessScope.App);
        v1.MapPost("/deployments", async (string? app, HttpRequest request, CancellationToken ct) =>
        {
            if (await ApiInput.BodyAsync<DeployBody>(request, DeployShape) is not { Version: { } version } body)
                return Results.BadRequest(new ApiError($"field version is missing; the body is {DeployShape}", [new ApiFieldError("version", "is missing")]));
            var snapshot = Snapshot(body.Manifest);
            if (snapshot is not null && app is not null && snapshot.Manifest!.App != app)
                throw new ReleaseRejectedException(RejectionKind.Invalid, $"?app={app} but the manifest is of app {snapshot.Manifest.App}");
            // Checked before ForAppAsync, which starts a lane for an app new to the controller.
            Access.Demand(request.HttpContext, Permission.Deploy, snapshot?.Manifest!.App ?? apps.Resolve(app).App, null);
            var controller = snapshot is null ? apps.Resolve(app) : await apps.ForAppAsync(snapshot.Manifest!, ct);
            return Results.Json(await controller.DeployAsync(new DeployRequest(version, body.Hotfix ?? false, body.Build, snapshot), ct), statusCode: StatusCodes.Status202Accepted);
        }).Requires(Permission.Deploy, AccessScope.Body);
        v1.MapPost("/rollback", async (string? app, CancellationToken ct) =>
            Results.Json(await apps.Resolve(app).RollbackAsync(ct), statusCode: StatusCodes.Status202Accepted)).Requires(Permission.Deploy, AccessScope.App);
        v1.MapPost("/promote", async (string? app, string? full, CancellationToken ct) =>
            Results.Json(await apps.Resolve(app).PromoteAsync(ApiInput.Bool(full, "full", false), ct), statusCode: StatusCodes.Status202Accepted))
            .Requires(Permission.Deploy, AccessScope.App);
        v1.MapPost("/abort", async (string? app, string? id, CancellationToken ct) =>
            Results.Json(await (id is null ? apps.Resolve(app) : await apps.OfRolloutAsync(id, ct)).AbortAsync(id, ct), statusCode: StatusCodes.Status202Accepted))
            .Requires(Permission.Deploy, AccessScope.Rollout);
        v1.MapPost("/apps/{app}/down", (string app, CancellationToken ct) => apps.Resolve(app).StopAppAsync(app, ct)).Requires(Permission.Deploy, AccessScope.App);
        v1.MapGet("/rollouts", (string? app, string? limit, CancellationToken ct) =>
            apps.Resolve(app).HistoryAsync(Math.Clamp(ApiInput.Int(limit, "limit", 20), 1, 500), ct)).Requires(Permission.Read, AccessScope.App);
        // Ids are unique across apps and the store is shared: any lane reads any app's rollout.
        v1.MapGet("/rollouts/{id}", async (string id, CancellationToken ct) =>
            await apps.All[0].GetRolloutAsync(id, ct) is { } rollout ? Results.Ok(rollout) : Results.NotFound(new ApiError($"no rollout {id}")))
            .Requires(Permission.Read, AccessScope.Rollout);
        v1.MapGet("/rollouts/{id}/manifest", async (string id, CancellationToken ct) => await apps.All[0].GetManifestAsync(id, ct)).Requires(Permission.Read, AccessScope.Rollout);
        v1.MapGet("/rollouts/{id}/events", (string id, string? after, CancellationToken ct) => apps.All[0].GetEventsAsync(id, ApiInput.Long(after, "after", 0), ct))
            .Requires(Permission.Read, AccessScope.Rollout);
        v1.MapPipelineApi(apps);
        v1.MapReleaseApi(apps);
        v1.MapDoraApi(apps, TimeProvider.System);
        v1.MapStreamApi(apps, TimeProvider.System);
        v1.MapIdentityApi();
        v1.MapApprovalApi(apps);
    }

    /// <summary>The manifest a release brings, validated here again: the controller trusts no client's validation.</summary>
    internal static ManifestSnapshot? Snapshot(ManifestBody? body)
    {
        if (body is null)
            return null;
        if (body.Text is null || body.File is null)
            throw new ApiInputException(StatusCodes.Status400BadRequest,
                $"manifest needs text (the YAML) and file (its path, against which relative paths resolve); the body is {DeployShape}",
                new ApiFieldError(body.Text is null ? "manifest.text" : "manifest.file", "is missing"));
        var result = ManifestSnapshot.FromText(body.Text, body.File, body.Commit, body.Uncommitted ?? false);
        return (result.Snapshot ?? throw ReleaseRejectedException.InvalidManifest(result.Errors)) with { CommittedAt = body.CommittedAt };
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
                RejectionKind.Forbidden => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status409Conflict,
            }, new ApiError(e.Message, e.ManifestErrors.Count == 0 ? null : e.ManifestErrors.Select(m => new ApiFieldError("manifest", m.ToString())).ToList()));
        }
        catch (AccessDeniedException e)
        {
            await WriteAsync(context, StatusCodes.Status403Forbidden, new ApiError(e.Message));
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
/// <param name="CommittedAt">The commit's committer time (`git show -s --format=%cI`): where DORA's lead time starts.</param>
/// <param name="AuthorName">The git author of <paramref name="Commit"/>: under preventSelfReview they cannot approve the release.</param>
public sealed record ManifestBody(string? Text, string? File, string? Commit, bool? Uncommitted, DateTimeOffset? CommittedAt = null,
    string? AuthorName = null, string? AuthorEmail = null)
{
    public Core.Delivery.CommitAuthor? Author => AuthorName is null && AuthorEmail is null ? null : new(AuthorName, AuthorEmail);
}
