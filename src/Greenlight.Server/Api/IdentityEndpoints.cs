using Greenlight.Server.Audit;
using Greenlight.Core.Access;
using Greenlight.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Greenlight.Server.Api;

/// <summary>Users, service accounts, their roles and their tokens. Token values appear once, in the answer that creates them.</summary>
internal static class IdentityEndpoints
{
    private const string UserShape = "JSON {\"name\": \"alice\", \"kind\": \"user\" (or \"service\")}";
    private const string GrantShape = "JSON {\"role\": \"viewer|deployer|approver|admin\", \"app\": \"*\", \"environment\": \"*\"}";

    public static void MapIdentityApi(this RouteGroupBuilder v1)
    {
        // Self: who the token is and what it may do (what `greenlight login` checks).
        v1.MapGet("/whoami", async (HttpContext http) =>
        {
            var name = Caller.NameOf(http);
            var grants = await StoreOf(http).ListGrantsAsync(name, http.RequestAborted);
            return new WhoAmI(name, http.User.FindFirst(TokenAuthentication.KindClaim)?.Value ?? "user",
                http.User.FindFirst(TokenAuthentication.TokenClaim)?.Value, grants.Select(GrantView.Of).ToList());
        }).Requires(Permission.Read, AccessScope.Self);

        // Admin.
        v1.MapPost("/users", async (HttpRequest request) =>
        {
            var body = await ApiInput.BodyAsync<UserBody>(request, UserShape);
            if (!Principal.IsValidName(body?.Name))
                throw Invalid("name", body?.Name is null ? "is missing" : "must be 1 to 64 letters, digits, '.', '_', '-' or '@'", UserShape);
            var kind = body!.Kind switch
            {
                null or "user" => PrincipalKind.User,
                "service" => PrincipalKind.Service,
                _ => throw Invalid("kind", "must be user or service", UserShape),
            };
            var identities = IdentitiesOf(request.HttpContext);
            var principal = new Principal(body.Name!, kind, identities.Now);
            AuditNote.Set(request.HttpContext, $"user {body.Name}", null, $"{(kind == PrincipalKind.User ? "user" : "service account")} {body.Name}");
            if (!await identities.Store.AddPrincipalAsync(principal, request.HttpContext.RequestAborted))
                return Results.Conflict(new ApiError($"there is already a user or service account named {body.Name}"));
            return Results.Json(UserView.Of(principal, []), statusCode: StatusCodes.Status201Created);
        }).Requires(Permission.Admin, AccessScope.Anywhere);

        // Admin.
        v1.MapGet("/users", async (HttpContext http) =>
        {
            var grants = await StoreOf(http).ListGrantsAsync(null, http.RequestAborted);
            return (await StoreOf(http).ListPrincipalsAsync(http.RequestAborted)).Select(p => UserView.Of(p, grants.Where(g => g.Principal == p.Name)));
        }).Requires(Permission.Admin, AccessScope.Anywhere);

        // Admin. Disabled, not deleted: the name stays taken and its history keeps meaning; its tokens are revoked.
        v1.MapPost("/users/{name}/disable", async (string name, HttpContext http) =>
        {
            if (name == Caller.NameOf(http))
                throw new ApiInputException(StatusCodes.Status409Conflict, "you cannot disable yourself: another admin can", new ApiFieldError("name", "is the caller"));
            var identities = IdentitiesOf(http);
            AuditNote.Set(http, $"user {name}", "enabled", "disabled, its tokens revoked");
            if (!await identities.Store.DisablePrincipalAsync(name, identities.Now, http.RequestAborted))
                return Results.NotFound(new ApiError($"no user or service account {name}"));
            return Results.Ok(UserView.Of((await identities.Store.GetPrincipalAsync(name, http.RequestAborted))!,
                await identities.Store.ListGrantsAsync(name, http.RequestAborted)));
        }).Requires(Permission.Admin, AccessScope.Anywhere);

        // Admin.
        v1.MapPost("/users/{name}/grants", async (string name, HttpRequest request) =>
        {
            var grant = Grant(name, await ApiInput.BodyAsync<GrantBody>(request, GrantShape));
            var identities = IdentitiesOf(request.HttpContext);
            await NoteGrantAsync(request.HttpContext, name, after: g => [.. g, grant]);
            if (await identities.Store.GetPrincipalAsync(name, request.HttpContext.RequestAborted) is null)
                return Results.NotFound(new ApiError($"no user or service account {name}"));
            await identities.Store.GrantAsync(grant, identities.Now, request.HttpContext.RequestAborted);
            return Results.Ok((await identities.Store.ListGrantsAsync(name, request.HttpContext.RequestAborted)).Select(GrantView.Of));
        }).Requires(Permission.Admin, AccessScope.Anywhere);

        // Admin.
        v1.MapDelete("/users/{name}/grants", async (string name, string? role, string? app, string? environment, HttpContext http) =>
        {
            var grant = Grant(name, new GrantBody(role, app, environment));
            if (grant.Role == Role.Admin && name == Caller.NameOf(http))
                throw new ApiInputException(StatusCodes.Status409Conflict, "you cannot take your own admin role: another admin can", new ApiFieldError("role", "is the caller's admin role"));
            await NoteGrantAsync(http, name, after: g => [.. g.Where(held => held != grant)]);
            if (!await StoreOf(http).UngrantAsync(grant, http.RequestAborted))
                return Results.NotFound(new ApiError($"{name} does not hold {role} on {grant.App}/{grant.Environment}"));
            return Results.Ok((await StoreOf(http).ListGrantsAsync(name, http.RequestAborted)).Select(GrantView.Of));
        }).Requires(Permission.Admin, AccessScope.Anywhere);

        v1.MapTokenApi();
    }

    /// <summary>The audit log's before and after of a change to the roles of <paramref name="name"/>.</summary>
    private static async Task NoteGrantAsync(HttpContext http, string name, Func<IReadOnlyList<RoleGrant>, IReadOnlyList<RoleGrant>> after)
    {
        var held = await StoreOf(http).ListGrantsAsync(name, http.RequestAborted);
        AuditNote.Set(http, $"user {name}", new Grants(held).ToString(), new Grants(after(held).Distinct().ToList()).ToString());
    }

    /// <summary>A grant as asked for: admin is only ever granted everywhere.</summary>
    private static RoleGrant Grant(string name, GrantBody? body)
    {
        if (!Roles.TryParse(body?.Role, out var role))
            throw Invalid("role", body?.Role is null ? "is missing" : "must be viewer, deployer, approver or admin", GrantShape);
        var (app, environment) = (body!.App ?? RoleGrant.All, body.Environment ?? RoleGrant.All);
        if (role == Role.Admin && (app, environment) != (RoleGrant.All, RoleGrant.All))
            throw Invalid(app == RoleGrant.All ? "environment" : "app", "must be * for admin, which is granted everywhere", GrantShape);
        return new RoleGrant(name, role, app, environment);
    }

    internal static ApiInputException Invalid(string field, string reason, string shape) =>
        new(StatusCodes.Status400BadRequest, $"field {field} {reason}; the body is {shape}", new ApiFieldError(field, reason));

    internal static Identities IdentitiesOf(HttpContext http) => http.RequestServices.GetRequiredService<Identities>();

    internal static Engine.State.IStateStore StoreOf(HttpContext http) => IdentitiesOf(http).Store;

    private sealed record UserBody(string? Name, string? Kind);

    private sealed record GrantBody(string? Role, string? App, string? Environment);
}

public sealed record WhoAmI(string Name, string Kind, string? TokenId, IReadOnlyList<GrantView> Roles);

public sealed record GrantView(string Role, string App, string Environment)
{
    public static GrantView Of(RoleGrant g) => new(g.Role.Name(), g.App, g.Environment);
}

public sealed record UserView(string Name, string Kind, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, IReadOnlyList<GrantView> Roles)
{
    public static UserView Of(Principal p, IEnumerable<RoleGrant> grants) =>
        new(p.Name, p.Kind == PrincipalKind.Service ? "service" : "user", p.CreatedAt, p.DisabledAt, grants.Select(GrantView.Of).ToList());
}
