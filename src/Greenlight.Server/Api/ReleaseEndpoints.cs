using Greenlight.Core.Access;
using Greenlight.Engine.Control;
using Greenlight.Server.Auth;
using Greenlight.Engine.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenlight.Server.Api;

/// <summary>Releases of apps with environments: each travels through the environments in waves of regions.</summary>
internal static class ReleaseEndpoints
{
    private const string ReleaseShape =
        "JSON {\"version\": \"...\", \"hotfix\": false, \"environment\": \"production\", \"manifest\": {\"text\": \"<YAML>\", \"file\": \"/path/greenlight.yaml\", \"commit\": \"<git sha>\", \"authorName\": \"...\", \"authorEmail\": \"...\"}}";

    public static void MapReleaseApi(this RouteGroupBuilder v1, AppControllers apps)
    {
        v1.MapPost("/releases", async (HttpRequest request, HttpContext http, CancellationToken ct) =>
        {
            var body = await ApiInput.BodyAsync<ReleaseBody>(request, ReleaseShape);
            if (body?.Version is not { } version || body.Manifest is null)
                return Results.BadRequest(new ApiError($"fields version and manifest are required; the body is {ReleaseShape}",
                    [new ApiFieldError(body?.Version is null ? "version" : "manifest", "is missing")]));
            var snapshot = ControllerEndpoints.Snapshot(body.Manifest)!;
            // Checked before DeliveryOfAsync, which starts the lanes of an app new to the controller.
            Access.Demand(request.HttpContext, Permission.Deploy, snapshot.Manifest!.App, body.Environment ?? snapshot.Manifest.Environments[0].Name);
            var delivery = await apps.DeliveryOfAsync(snapshot.Manifest!, ct);
            return Results.Json(await delivery.DeployAsync(snapshot, version, body.Hotfix ?? false, body.Environment, ct, body.OverrideWindow,
                Caller.NameOf(http), body.Manifest.Author), statusCode: StatusCodes.Status202Accepted);
        }).Requires(Permission.Deploy, AccessScope.Body);
        v1.MapGet("/releases", (string? app, string? limit, CancellationToken ct) =>
            apps.DeliveryOf(app).ListAsync(Math.Clamp(ApiInput.Int(limit, "limit", 20), 1, 500), ct)).Requires(Permission.Read, AccessScope.App);
        v1.MapGet("/releases/{id}", async (string id, string? app, HttpContext http, CancellationToken ct) =>
            await ApprovalEndpoints.ReleaseWithReviewAsync(await OfReleaseAsync(apps, id, app, ct), id, http, ct)).Requires(Permission.Read, AccessScope.Release);
        v1.MapGet("/releases/{id}/events", (string id, string? after, CancellationToken ct) => apps.All[0].GetEventsAsync(id, ApiInput.Long(after, "after", 0), ct))
            .Requires(Permission.Read, AccessScope.Release);
        v1.MapPost("/releases/{id}/promote", async (string id, string? app, string? to, string? reason, CancellationToken ct) =>
            Results.Json(await (await OfReleaseAsync(apps, id, app, ct)).PromoteAsync(id,
                to ?? throw new ApiInputException(StatusCodes.Status400BadRequest, "parameter to is missing: the environment to promote into", new ApiFieldError("to", "is missing")),
                reason, ct), statusCode: StatusCodes.Status202Accepted)).Requires(Permission.Deploy, AccessScope.Release);
        v1.MapPost("/releases/{id}/abort", async (string id, string? app, string? reason, CancellationToken ct) =>
            Results.Json(await (await OfReleaseAsync(apps, id, app, ct)).AbortAsync(id, reason ?? "aborted by user", ct), statusCode: StatusCodes.Status202Accepted))
            .Requires(Permission.Deploy, AccessScope.Release);
        v1.MapPost("/releases/{id}/rollback", async (string id, string? app, string? reason, CancellationToken ct) =>
            Results.Json(await (await OfReleaseAsync(apps, id, app, ct)).RollbackAsync(id, reason ?? "rolled back by user", ct), statusCode: StatusCodes.Status202Accepted))
            .Requires(Permission.Deploy, AccessScope.Release);
    }

    /// <summary>The delivery path of release <paramref name="id"/>; a <c>?app=</c> naming another app (or another app's lane) is refused.</summary>
    private static async Task<AppDelivery> OfReleaseAsync(AppControllers apps, string id, string? app, CancellationToken ct)
    {
        var delivery = await apps.OfReleaseAsync(id, ct);
        if (app is not null && app != delivery.App && !app.StartsWith(delivery.App + ".", StringComparison.Ordinal))
            throw new ReleaseRejectedException(RejectionKind.Invalid, $"release {id} is of app {delivery.App}, not {app}");
        return delivery;
    }
}

/// <param name="Environment">Enter this environment instead of the first; only a version and manifest that passed the one before may.</param>
/// <param name="OverrideWindow">A hotfix's reason to start its waves while a deployment window is closed.</param>
public sealed record ReleaseBody(string? Version, bool? Hotfix, string? Environment, ManifestBody? Manifest, string? OverrideWindow = null);
