using Greenlight.Core.Access;
using Greenlight.Server.Auth;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenlight.Core.Delivery;
using Greenlight.Engine.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Greenlight.Server.Api;

/// <summary>
/// Approvals with separation of duties: the caller approves or rejects a release where it awaits approval. The rules
/// are the server's (Core's <see cref="ApprovalPolicy"/>): a refusal is 403 naming the rule, or 409 when nothing waits.
/// </summary>
internal static class ApprovalEndpoints
{
    private const string DecisionShape = "JSON {\"reason\": \"...\"}";

    public static void MapApprovalApi(this RouteGroupBuilder v1, AppControllers apps)
    {
        v1.MapPost("/releases/{id}/approve", (string id, HttpContext http, CancellationToken ct) =>
            DecideAsync(apps, id, http, (d, user, reason) => d.ApproveAsync(id, user, reason, ct), ct)).Requires(Permission.Approve, AccessScope.Release);
        v1.MapPost("/releases/{id}/reject", (string id, HttpContext http, CancellationToken ct) =>
            DecideAsync(apps, id, http, (d, user, reason) => d.RejectAsync(id, user, reason, ct), ct)).Requires(Permission.Approve, AccessScope.Release);
        // Every release of every app that awaits approval, with where its approvals stand.
        v1.MapGet("/approvals", async (string? app, CancellationToken ct) =>
        {
            var deliveries = app is null ? apps.Deliveries : [apps.DeliveryOf(app)];
            var pending = new List<PendingApproval>();
            foreach (var delivery in deliveries)
                foreach (var release in await delivery.PendingApprovalsAsync(ct))
                    pending.Add(PendingApproval.Of(release, delivery.TallyOf(release)!));
            return pending.OrderBy(p => p.Since);
        }).Requires(Permission.Read, AccessScope.App);
    }

    /// <summary>The release as stored, with <c>approval</c>: what an approver must see while it awaits approval.</summary>
    public static async Task<IResult> ReleaseWithReviewAsync(Engine.Delivery.AppDelivery delivery, string id, HttpContext http, CancellationToken ct)
    {
        if (await delivery.GetAsync(id, ct) is not { } release)
            return Results.NotFound(new ApiError($"no release {id}"));
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var node = JsonSerializer.SerializeToNode(release, json)!.AsObject();
        if (await delivery.ReviewAsync(release, ct) is { } review)
            node["approval"] = JsonSerializer.SerializeToNode(review, json);
        return Results.Json(node, json);
    }

    private static async Task<IResult> DecideAsync(AppControllers apps, string id, HttpContext http,
        Func<Engine.Delivery.AppDelivery, string, string, Task<Release>> decide, CancellationToken ct)
    {
        var body = await ApiInput.BodyAsync<DecisionBody>(http.Request, DecisionShape);
        if (body?.Reason is not { } reason || string.IsNullOrWhiteSpace(reason))
            throw new ApiInputException(StatusCodes.Status400BadRequest, $"field reason is missing: say why; the body is {DecisionShape}",
                new ApiFieldError("reason", "is missing"));
        var delivery = await apps.OfReleaseAsync(id, ct);
        return Results.Json(await decide(delivery, Caller.NameOf(http), reason), statusCode: StatusCodes.Status202Accepted);
    }
}

public sealed record DecisionBody(string? Reason);

/// <summary>A release that awaits approval, as `GET /v1/approvals` lists it.</summary>
public sealed record PendingApproval(string Release, string App, string Version, bool Hotfix, string Environment, string? Requester,
    DateTimeOffset Since, ApprovalTally Tally)
{
    public static PendingApproval Of(Release r, ApprovalTally tally)
    {
        var stage = r.Stages.First(s => s.Phase == StagePhase.AwaitingApproval);
        return new(r.Id, r.App, r.Version, r.Hotfix, stage.Environment, r.Requester, stage.EnteredAt ?? r.UpdatedAt, tally);
    }
}
