using Greenlight.Engine.Control;
using Greenlight.Engine.State;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Greenlight.Server.Auth;

/// <summary>Tokens authenticate every call; each endpoint's <see cref="AccessRequirement"/> authorises it.</summary>
internal static class AccessSetup
{
    public static void AddGreenlightAccess(this IServiceCollection services, IStateStore store, TimeProvider time, Func<AppControllers> apps)
    {
        services.AddSingleton(new Identities(store, time));
        services.AddSingleton(new FailedAuthentications(time));
        services.AddSingleton(_ => new AccessScopes(apps()));
        services.AddSingleton<IAuthorizationHandler, AccessHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessRefusals>();
        services.AddAuthentication(TokenAuthentication.SchemeName).AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null);
        // An endpoint that declares no permission needs admin: a forgotten declaration fails closed.
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder(TokenAuthentication.SchemeName).AddRequirements(AccessRequirement.Undeclared).Build());
    }

    public static void UseGreenlightAccess(this WebApplication web)
    {
        web.UseAuthentication();
        web.UseAuthorization();
    }
}
