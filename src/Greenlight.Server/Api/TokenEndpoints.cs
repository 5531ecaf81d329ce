using Greenlight.Server.Audit;
using System.Globalization;
using Greenlight.Core.Access;
using Greenlight.Core.Manifest;
using Greenlight.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Greenlight.Server.Api.IdentityEndpoints;

namespace Greenlight.Server.Api;

/// <summary>API tokens: anyone manages their own; an admin also those of others (a new user's first token, a service account's).</summary>
internal static class TokenEndpoints
{
    private const string TokenShape = "JSON {\"owner\": \"<you, unless you are admin>\", \"expires\": \"90d\" (or 12h, 30m, never)}";

    public static void MapTokenApi(this RouteGroupBuilder v1)
    {
        // Self; admin for another owner.
        v1.MapPost("/tokens", async (HttpRequest request) =>
        {
            var http = request.HttpContext;
            var body = await ApiInput.BodyAsync<TokenBody>(request, TokenShape) ?? new TokenBody(null, null);
            var owner = OwnedBy(http, body.Owner);
            var expires = Expiry(body.Expires);
            var identities = IdentitiesOf(http);
            if (await identities.Store.GetPrincipalAsync(owner, http.RequestAborted) is not { } principal)
                return Results.NotFound(new ApiError($"no user or service account {owner}: create it first (greenlight users create {owner})"));
            if (principal.DisabledAt is not null)
                return Results.Conflict(new ApiError($"{owner} is disabled: its tokens would not authenticate"));
            var (token, value) = await identities.CreateTokenAsync(owner, expires, http.RequestAborted);
            AuditNote.Set(http, $"token {token.Id} of {owner}", null, $"created, expires {(token.ExpiresAt is { } at ? at.ToString("u") : "never")}");
            return Results.Json(new CreatedToken(token.Id, token.Owner, value, token.CreatedAt, token.ExpiresAt), statusCode: StatusCodes.Status201Created);
        }).Requires(Permission.Read, AccessScope.Self);

        // Self; admin for another owner, or every token with ?owner=*.
        v1.MapGet("/tokens", async (string? owner, HttpContext http) =>
        {
            var whose = OwnedBy(http, owner);
            return await StoreOf(http).ListTokensAsync(whose == RoleGrant.All ? null : whose, http.RequestAborted);
        }).Requires(Permission.Read, AccessScope.Self);

        // Self; admin for another's token. Takes effect on the very next call.
        v1.MapDelete("/tokens/{id}", async (string id, HttpContext http) =>
        {
            var identities = IdentitiesOf(http);
            if (await identities.Store.GetTokenAsync(id, http.RequestAborted) is not { } token)
                return Results.NotFound(new ApiError($"no token {id}"));
            OwnedBy(http, token.Owner);
            AuditNote.Set(http, $"token {id} of {token.Owner}", "active", "revoked");
            if (!await identities.Store.RevokeTokenAsync(id, identities.Now, http.RequestAborted))
                return Results.Conflict(new ApiError($"token {id} was revoked already, at {token.RevokedAt:u}"));
            return Results.Ok(await identities.Store.GetTokenAsync(id, http.RequestAborted));
        }).Requires(Permission.Read, AccessScope.Self);
    }

    /// <summary>The caller, or another owner (every one, for <c>*</c>) when the caller is an admin.</summary>
    private static string OwnedBy(HttpContext http, string? owner)
    {
        var self = Caller.NameOf(http);
        if (owner is not null && owner != self)
            Access.Demand(http, Permission.Admin, null, null);
        return owner ?? self;
    }

    /// <summary><c>90d</c>, <c>12h</c>, <c>1h30m</c> or <c>never</c>; <see cref="Identities.DefaultExpiry"/> when not given.</summary>
    private static TimeSpan? Expiry(string? text)
    {
        if (text is null)
            return Identities.DefaultExpiry;
        if (text == "never")
            return null;
        if (text.EndsWith('d') && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days > 0)
            return TimeSpan.FromDays(days);
        if (DurationText.TryParse(text, out var after) && after > TimeSpan.Zero)
            return after;
        throw Invalid("expires", $"must be a duration such as 90d, 12h or 30m, or never; not '{text}'", TokenShape);
    }

    private sealed record TokenBody(string? Owner, string? Expires);
}

/// <summary>The only answer that ever carries a token's value.</summary>
public sealed record CreatedToken(string Id, string Owner, string Token, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);
