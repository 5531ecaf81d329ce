using Greenlight.Core.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Server.Auth;

/// <summary>Grants or refuses an endpoint's <see cref="AccessRequirement"/>, saying in the refusal what was needed.</summary>
internal sealed class AccessHandler(AccessScopes scopes) : AuthorizationHandler<AccessRequirement, HttpContext>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement, HttpContext http)
    {
        if (context.User.Identity?.IsAuthenticated != true || Access.GrantsOf(http) is not { } grants)
            return; // the challenge says why
        // No such endpoint: a 404 to anyone authenticated, not a 403 that only admins get past.
        if (http.GetEndpoint() is null || requirement.Scope == AccessScope.Self)
        {
            context.Succeed(requirement);
            return;
        }
        // Refused before anything is looked up, so that a caller without the permission learns nothing of what exists.
        if (!grants.AllowSomewhere(requirement.Permission))
        {
            context.Fail(new AuthorizationFailureReason(this, Access.Refusal(http, requirement.Permission, null, null, anywhere: true)));
            return;
        }
        if (requirement.Scope is AccessScope.Anywhere or AccessScope.Body)
        {
            context.Succeed(requirement);
            return;
        }
        var (app, environment) = await scopes.ResolveAsync(requirement.Scope, http);
        if (grants.Allow(requirement.Permission, app, environment))
            context.Succeed(requirement);
        else
            context.Fail(new AuthorizationFailureReason(this, Access.Refusal(http, requirement.Permission, app, environment)));
    }
}
