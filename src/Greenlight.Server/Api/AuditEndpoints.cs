using System.Text.Json;
using System.Text.Json.Nodes;
using Greenlight.Core.Access;
using Greenlight.Core.Audit;
using Greenlight.Engine.Audit;
using Greenlight.Engine.State;
using Greenlight.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenlight.Server.Api;

/// <summary>
/// The audit log, read: its latest entries and whether it verifies. Read anywhere, so an auditor needs only the viewer
/// role; the log holds no secret value (see docs/audit.md), so nothing is left out of an entry.
/// </summary>
internal static class AuditEndpoints
{
    public static void MapAuditApi(this RouteGroupBuilder v1, IStateStore store, string stateDirectory)
    {
        // Newest first, each entry as stored (its canonical JSON); ?before=<seq> pages back.
        v1.MapGet("/audit", async (string? limit, string? before, CancellationToken ct) =>
        {
            var lines = await store.ReadLatestAuditAsync(before is null ? null : ApiInput.Long(before, "before", 0),
                Math.Clamp(ApiInput.Int(limit, "limit", 50), 1, 500), ct);
            return new JsonArray([.. lines.Select(AsStored)]);
        }).Requires(Permission.Read, AccessScope.Anywhere);
        // The verifier `greenlight audit verify` runs, over the whole log and its signed checkpoints.
        v1.MapGet("/audit/verify", async (CancellationToken ct) =>
        {
            try
            {
                return Results.Ok(AuditVerifyResult.Of((await AuditExport.OfStoreAsync(store, stateDirectory, null, ct)).Verify(whole: true)));
            }
            catch (AuditFileException e)
            {
                // Without its key the log cannot be verified: that is no "intact".
                return Results.Json(new ApiError(e.Message), statusCode: StatusCodes.Status500InternalServerError);
            }
        }).Requires(Permission.Read, AccessScope.Anywhere);
    }

    /// <summary>The entry's JSON object; a line that is not one (a tampered store) as the string it is.</summary>
    private static JsonNode AsStored(string line)
    {
        try
        {
            if (JsonNode.Parse(line) is JsonObject entry)
                return entry;
        }
        catch (JsonException)
        {
        }
        return JsonValue.Create(line);
    }
}

/// <summary>What `GET /v1/audit/verify` and `greenlight audit verify --output json` answer.</summary>
public sealed record AuditVerifyResult(bool Ok, long Entries, long First, long Last, int Checkpoints, long? FirstBad, string? Problem)
{
    public static AuditVerifyResult Of(AuditVerification v) => new(v.Ok, v.Entries, v.FirstSeq, v.LastSeq, v.Checkpoints, v.Problem?.Seq, v.Problem?.What);
}
