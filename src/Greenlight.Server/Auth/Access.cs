using Greenlight.Core.Access;
using Greenlight.Server.Api;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Server.Auth;

/// <summary>What the authenticated caller of a request may do, for endpoints that find their scope in the body.</summary>
public static class Access
{
    internal static Grants? GrantsOf(HttpContext http) => http.Items[typeof(Grants)] as Grants;

    /// <summary>Refuses the call (403) unless the caller may do <paramref name="permission"/> on the app and environment.</summary>
    /// <exception cref="AccessDeniedException">The caller may not.</exception>
    public static void Demand(HttpContext http, Permission permission, string? app, string? environment)
    {
        if (GrantsOf(http)?.Allow(permission, app, environment) != true)
            throw new AccessDeniedException(Refusal(http, permission, app, environment));
    }

    public static bool Allows(HttpContext http, Permission permission, string? app = null, string? environment = null) =>
        GrantsOf(http)?.Allow(permission, app, environment) == true;

    /// <summary>What was needed, what the caller has, and how an admin gives it; never a token.</summary>
    internal static string Refusal(HttpContext http, Permission permission, string? app, string? environment, bool anywhere = false)
    {
        var who = Caller.NameOf(http);
        var role = Roles.LeastFor(permission);
        var verb = permission switch
        {
            Permission.Read => "read",
            Permission.Deploy => "deploy, promote, abort or roll back",
            Permission.Approve => "approve or reject",
            _ => "manage users and tokens",
        };
        var where = permission == Permission.Admin ? ""
            : anywhere ? " anything"
            : app is null ? " on every app"
            : environment is null ? $" on app {app} (all its environments)"
            : $" on app {app}, environment {environment}";
        var grant = permission == Permission.Admin ? $"greenlight users grant {who} admin"
            : $"greenlight users grant {who} {role.Name()} --app {app ?? "'*'"} --env {environment ?? "'*'"}";
        return $"{who} may not {verb}{where}: that needs the {role.Name()} role{(role == Role.Admin ? "" : " or admin")}" +
               $"; {who} has {GrantsOf(http)?.ToString() ?? "no role"} (an admin gives it with `{grant}`)";
    }
}

/// <summary>An authenticated caller without the permission: answered 403 with what was needed.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
