using Greenlight.Core.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace Greenlight.Server.Auth;

/// <summary>Where an endpoint finds the app and environment it acts on.</summary>
public enum AccessScope
{
    /// <summary>Nothing in particular (listing the apps): the permission anywhere will do.</summary>
    Anywhere,
    /// <summary><c>{app}</c> in the route or <c>?app=</c> (an app or one of its lanes), <c>?environment=</c> or <c>?to=</c>.</summary>
    App,
    /// <summary><c>{id}</c> is a release: its app, and the environment it is in (or <c>?to=</c>).</summary>
    Release,
    /// <summary><c>{id}</c> or <c>?id=</c> is a rollout: its app (and lane); without an id, as <see cref="App"/>.</summary>
    Rollout,
    /// <summary><c>{id}</c> is a pipeline run: its app.</summary>
    PipelineRun,
    /// <summary>The body names the app (a release's manifest): the endpoint checks once it has read it.</summary>
    Body,
    /// <summary>Any authenticated caller, on what is their own (their tokens); the endpoint checks the rest.</summary>
    Self,
}

/// <summary>What an endpoint needs of its caller: a permission on the app and environment found through its scope.</summary>
public sealed record AccessRequirement(Permission Permission, AccessScope Scope) : IAuthorizationRequirement
{
    /// <summary>What an endpoint that declares nothing needs: the most, so that a forgotten declaration fails closed.</summary>
    public static readonly AccessRequirement Undeclared = new(Permission.Admin, AccessScope.Anywhere);
}

public static class AccessEndpoints
{
    /// <summary>Declares what calling the endpoint needs; every endpoint of the API does.</summary>
    public static TBuilder Requires<TBuilder>(this TBuilder endpoint, Permission permission, AccessScope scope) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(new AuthorizationPolicyBuilder(TokenAuthentication.SchemeName).AddRequirements(new AccessRequirement(permission, scope)).Build());
}
